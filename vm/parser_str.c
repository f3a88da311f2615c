/* vm/parser_str.c — string literals: prefixes, escapes, implicit
 * concatenation and f-strings.
 *
 * A STRING token is raw source text (prefix, quotes, body).  Adjacent tokens
 * form one atom: a Constant (str or bytes) or, if any part is an f-string, a
 * JoinedStr whose literal pieces are merged.  The expression inside an
 * f-string field is source text too (no backslashes allowed), so it is parsed
 * by a sub-parser over that slice of the buffer and its nodes get real
 * source positions.  Errors use CPython 3.11's messages and positions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/parser_int.h"
#include "vm/error.h"
#include "vm/strbuf.h"
#include "vm/objects/str.h"
#include "vm/objects/bytes.h"

typedef struct StrTok {
    Token *tok;
    int raw, bytes, fmt, u;
    const char *body;       /* between the quotes */
    int len;
} StrTok;

static void split_token(Token *t, StrTok *st) {
    const char *s = t->start;
    memset(st, 0, sizeof *st);
    st->tok = t;
    while (*s != '\'' && *s != '"') {
        int c = *s | 0x20;
        if (c == 'r') st->raw = 1;
        else if (c == 'b') st->bytes = 1;
        else if (c == 'f') st->fmt = 1;
        else if (c == 'u') st->u = 1;
        s++;
    }
    int q = (t->len - (int)(s - t->start) >= 6 && s[1] == s[0] && s[2] == s[0]) ? 3 : 1;
    st->body = s + q;
    st->len = (int)(t->start + t->len - st->body) - q;
}

/* ---- escapes ---------------------------------------------------------------------- */

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* CPython reports escape errors by position in the body where every
 * non-ASCII character counts as a 10-byte \U escape. */
static int escape_position(const char *body, const char *at) {
    int n = 0;
    for (const char *q = body; q < at; q++) {
        unsigned char c = (unsigned char)*q;
        if (c < 0x80) n++;
        else if ((c & 0xC0) != 0x80) n += 10;
    }
    return n;
}

/* Decode the escapes of s[0..n) (a str or bytes body, not raw) into sb. */
static int decode_escapes(Parser *p, StrBuf *sb, const char *s, int n, int bytes,
                          const char *body) {
    const char *end = s + n;
    while (s < end) {
        const char *bs = s;
        while (s < end && *s != '\\') s++;
        if (s > bs && strbuf_append(sb, bs, (size_t)(s - bs)) < 0) return -1;
        if (s >= end) break;
        const char *esc = s;
        s++;  /* backslash */
        if (s >= end) {
            if (strbuf_append_char(sb, '\\') < 0) return -1;
            break;
        }
        char c = *s++;
        uint32_t v;
        switch (c) {
        case '\n': continue;
        case '\\': v = '\\'; break;
        case '\'': v = '\''; break;
        case '"': v = '"'; break;
        case 'a': v = 7; break;
        case 'b': v = 8; break;
        case 'f': v = 12; break;
        case 'n': v = 10; break;
        case 'r': v = 13; break;
        case 't': v = 9; break;
        case 'v': v = 11; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
            v = (uint32_t)(c - '0');
            for (int i = 0; i < 2 && s < end && *s >= '0' && *s <= '7'; i++) v = v * 8 + (uint32_t)(*s++ - '0');
            if (bytes) {
                if (strbuf_append_char(sb, (char)(v & 0xFF)) < 0) return -1;
                continue;
            }
            break;
        case 'x': case 'u': case 'U': {
            if (bytes && c != 'x') goto invalid;
            int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            v = 0;
            int i;
            for (i = 0; i < digits && s < end && hexval(*s) >= 0; i++) v = v * 16 + (uint32_t)hexval(*s++);
            if (i < digits) {
                int pos = escape_position(body, esc);
                if (bytes)
                    p_error_last(p, &Exc_SyntaxError, "(value error) invalid \\x escape at position %d", pos);
                else
                    p_error_last(p, &Exc_SyntaxError,
                                 "(unicode error) 'unicodeescape' codec can't decode bytes in "
                                 "position %d-%d: truncated \\%s escape",
                                 pos, pos + 1 + i, c == 'x' ? "xXX" : c == 'u' ? "uXXXX" : "UXXXXXXXX");
                return -1;
            }
            if (v > 0x10FFFF) {
                int pos = escape_position(body, esc);
                p_error_last(p, &Exc_SyntaxError,
                             "(unicode error) 'unicodeescape' codec can't decode bytes in "
                             "position %d-%d: illegal Unicode character", pos, pos + 9);
                return -1;
            }
            if (bytes) {
                if (strbuf_append_char(sb, (char)v) < 0) return -1;
                continue;
            }
            break;
        }
        case 'N':
            if (bytes) goto invalid;
            err_format(&Exc_NotImplementedError, "\\N{...} escapes are not supported");
            p->exc = 1;
            return -1;
        default:
        invalid:
            /* unknown escapes keep their backslash (a DeprecationWarning in
             * CPython) */
            if (strbuf_append_char(sb, '\\') < 0) return -1;
            s = esc + 1;
            continue;
        }
        if (v >= 0xD800 && v <= 0xDFFF) {
            err_format(&Exc_NotImplementedError, "lone surrogates in string literals are not supported");
            p->exc = 1;
            return -1;
        }
        if (strbuf_append_codepoint(sb, v) < 0) return -1;
    }
    return 0;
}

/* Append a literal piece (raw or with escapes) to sb. */
static int append_literal(Parser *p, StrBuf *sb, StrTok *st, const char *s, int n) {
    if (st->raw) return strbuf_append(sb, s, (size_t)n) < 0 ? -1 : 0;
    return decode_escapes(p, sb, s, n, st->bytes, st->body);
}

/* ---- f-strings ---------------------------------------------------------------------- */

/* A JoinedStr under construction: literal text accumulates in `lit` and is
 * flushed as a Constant before each field. */
typedef struct FBuild {
    AstSeq *values;
    StrBuf lit;
    int has_lit;
} FBuild;

static AstExpr *str_constant(Parser *p, Object *v, AstPos pos) {
    if (!v) return p_exc(p);
    if (arena_own(p->arena, v) < 0) return p_exc(p);
    AstExpr *e = ast_expr_new(p->arena, EXPR_CONSTANT, pos);
    if (!e) return p_exc(p);
    e->v.constant.value = v;
    return e;
}

static int flush_literal(Parser *p, FBuild *fb, AstPos pos) {
    if (!fb->has_lit || fb->lit.len == 0) {
        fb->has_lit = 0;
        return 0;
    }
    Object *s = str_from_utf8(fb->lit.data, fb->lit.len);
    fb->lit.len = 0;
    fb->has_lit = 0;
    AstExpr *c = str_constant(p, s, pos);
    if (!c) return -1;
    if (ast_seq_append(p->arena, &fb->values, c) < 0) {
        p->exc = 1;
        return -1;
    }
    return 0;
}

/* Parse the expression text [start, end) of a replacement field with a
 * sub-parser; errors get CPython's "f-string: " prefix and are located in
 * the text "(expr)" as CPython 3.11 does. */
static AstExpr *fstring_expr(Parser *p, Token *tok, const char *start, const char *end) {
    int lineno = tok->lineno;
    for (const char *q = tok->start; q < start; q++)
        if (*q == '\n') lineno++;
    const char *ls = start;
    while (ls > p->buf && ls[-1] != '\n') ls--;
    Parser sub;
    memset(&sub, 0, sizeof sub);
    sub.arena = p->arena;
    sub.buf = p->buf;
    sub.depth = p->depth;
    lexer_init_slice(&sub.lx, p->buf, start, end, lineno, ls);
    AstExpr *e = p_at(&sub, KW_YIELD) ? p_yield_expr(&sub) : p_star_expressions(&sub);
    if (e && !p_at(&sub, TOK_ENDMARKER)) {
        e = NULL;
        p_invalid_syntax(&sub);
    }
    if (!e) {
        if (sub.exc) {
            p->exc = 1;
        } else if (sub.err.type && !P_FAILED(p)) {
            SyntaxErrInfo *er = &p->err;
            *er = sub.err;
            snprintf(er->msg, sizeof er->msg, "f-string: %.240s", sub.err.msg);
            /* shown as "(expr)" with columns relative to it */
            int base = (int)(start - ls);
            if (!er->chars) {
                if (er->lineno == lineno) er->offset = er->offset - base + 1;
                if (er->end_lineno == lineno && er->end_offset > 0) er->end_offset = er->end_offset - base + 1;
                er->chars = 1;
            }
            er->fstring_text = 1;
            er->fstring_start = start;
            er->fstring_len = (int)(end - start);
        }
    }
    for (int i = 0; i < sub.nchunks; i++) free(sub.chunks[i]);
    free(sub.chunks);
    return e;
}

static int fstring_body(Parser *p, FBuild *fb, StrTok *st, const char **sp, const char *end,
                        int depth, AstPos pos);

/* One replacement field; *sp is just after its '{'. */
static int fstring_field(Parser *p, FBuild *fb, StrTok *st, const char **sp, const char *end,
                         int depth, AstPos pos) {
    const char *s = *sp;
    const char *expr_start = s;
    char stack[200];
    int nest = 0;
    char quote = 0;
    int qsize = 0;
    if (depth >= 2) {
        p_error_last(p, &Exc_SyntaxError, "f-string: expressions nested too deeply");
        return -1;
    }
    for (; s < end; s++) {
        char c = *s;
        if (c == '\\') {
            p_error_last(p, &Exc_SyntaxError, "f-string expression part cannot include a backslash");
            return -1;
        }
        if (quote) {
            if (c == quote && (qsize == 1 || (s + 2 < end && s[1] == c && s[2] == c))) {
                s += qsize - 1;
                quote = 0;
            }
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            qsize = (s + 2 < end && s[1] == c && s[2] == c) ? 3 : 1;
            s += qsize - 1;
            continue;
        }
        if (c == '[' || c == '(' || c == '{') {
            if (nest >= 200) {
                p_error_last(p, &Exc_SyntaxError, "f-string: too many nested parenthesis");
                return -1;
            }
            stack[nest++] = c;
            continue;
        }
        if (c == '#') {
            p_error_last(p, &Exc_SyntaxError, "f-string expression part cannot include '#'");
            return -1;
        }
        if (nest == 0 && (c == '!' || c == ':' || c == '}' || c == '=' || c == '<' || c == '>')) {
            if (s + 1 < end && s[1] == '=' && c != ':' && c != '}') {
                s++;
                continue;
            }
            if (c == '<' || c == '>') continue;
            break;
        }
        if (c == ']' || c == '}' || c == ')') {
            if (nest == 0) {
                p_error_last(p, &Exc_SyntaxError, "f-string: unmatched '%c'", c);
                return -1;
            }
            char open = stack[--nest];
            if (!((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}'))) {
                p_error_last(p, &Exc_SyntaxError,
                              "f-string: closing parenthesis '%c' does not match opening parenthesis '%c'",
                              c, open);
                return -1;
            }
        }
    }
    if (quote) {
        p_error_last(p, &Exc_SyntaxError, "f-string: unterminated string");
        return -1;
    }
    if (nest) {
        p_error_last(p, &Exc_SyntaxError, "f-string: unmatched '%c'", stack[nest - 1]);
        return -1;
    }
    if (s >= end) {
        p_error_last(p, &Exc_SyntaxError, "f-string: expecting '}'");
        return -1;
    }
    const char *expr_end = s;
    int blank = 1;
    for (const char *q = expr_start; q < expr_end; q++)
        if (*q != ' ' && *q != '\t' && *q != '\n' && *q != '\f' && *q != '\r') blank = 0;
    if (blank) {
        p_error_last(p, &Exc_SyntaxError, "f-string: empty expression not allowed");
        return -1;
    }
    AstExpr *value = fstring_expr(p, st->tok, expr_start, expr_end);
    if (!value) return -1;
    int conversion = -1;
    int self_doc = 0;
    if (*s == '=') {
        /* f"{x=}": the text "x=" (with its spaces) becomes literal text */
        s++;
        while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\f' || *s == '\r')) s++;
        if (s >= end) {
            p_error_last(p, &Exc_SyntaxError, "f-string: expecting '}'");
            return -1;
        }
        fb->has_lit = 1;
        if (strbuf_append(&fb->lit, expr_start, (size_t)(s - expr_start)) < 0) return p->exc = 1, -1;
        self_doc = 1;
    }
    if (*s == '!') {
        s++;
        if (s >= end) {
            p_error_last(p, &Exc_SyntaxError, "f-string: expecting '}'");
            return -1;
        }
        char c = *s++;
        if (c != 's' && c != 'r' && c != 'a') {
            p_error_last(p, &Exc_SyntaxError,
                         "f-string: invalid conversion character: expected 's', 'r', or 'a'");
            return -1;
        }
        conversion = c;
    }
    AstExpr *spec = NULL;
    if (s < end && *s == ':') {
        s++;
        FBuild sfb;
        memset(&sfb, 0, sizeof sfb);
        strbuf_init(&sfb.lit);
        int r = fstring_body(p, &sfb, st, &s, end, depth + 1, pos);
        if (r == 0) r = flush_literal(p, &sfb, pos);
        strbuf_free(&sfb.lit);
        if (r < 0) return -1;
        /* CPython places a format spec at its own STRING token (and its
         * pieces too when it has no nested field) */
        spec = ast_expr_new(p->arena, EXPR_JOINEDSTR, tok_pos(st->tok));
        if (!spec) return p->exc = 1, -1;
        spec->v.joinedstr.values = sfb.values;
        int fields = 0;
        for (int i = 0; i < SEQ_LEN(sfb.values); i++)
            fields |= ((AstExpr *)SEQ_GET(sfb.values, i))->kind == EXPR_FORMATTEDVALUE;
        for (int i = 0; !fields && i < SEQ_LEN(sfb.values); i++)
            ((AstExpr *)SEQ_GET(sfb.values, i))->pos = spec->pos;
    }
    if (s >= end || *s != '}') {
        p_error_last(p, &Exc_SyntaxError, "f-string: expecting '}'");
        return -1;
    }
    s++;
    if (self_doc && conversion == -1 && !spec) conversion = 'r';
    if (flush_literal(p, fb, pos) < 0) return -1;
    AstExpr *fv = ast_expr_new(p->arena, EXPR_FORMATTEDVALUE, pos);
    if (!fv) return p->exc = 1, -1;
    fv->v.formattedvalue.value = value;
    fv->v.formattedvalue.conversion = conversion;
    fv->v.formattedvalue.format_spec = spec;
    if (ast_seq_append(p->arena, &fb->values, fv) < 0) return p->exc = 1, -1;
    *sp = s;
    return 0;
}

/* Literal text and fields up to `end` (depth 0) or up to the '}' closing a
 * format spec (depth > 0, left unconsumed). */
static int fstring_body(Parser *p, FBuild *fb, StrTok *st, const char **sp, const char *end,
                        int depth, AstPos pos) {
    const char *s = *sp;
    while (s < end) {
        const char *lit = s;
        while (s < end && *s != '{' && *s != '}') {
            if (*s == '\\' && !st->raw && s + 1 < end) {
                /* \N{...} is not a field */
                if (s[1] == 'N' && s + 2 < end && s[2] == '{') {
                    const char *q = memchr(s, '}', (size_t)(end - s));
                    s = q ? q + 1 : end;
                    continue;
                }
                /* "\{": the backslash stays, the brace still opens a field */
                s += (s[1] == '{' || s[1] == '}') ? 1 : 2;
                continue;
            }
            s++;
        }
        if (s > lit) {
            fb->has_lit = 1;
            if (append_literal(p, &fb->lit, st, lit, (int)(s - lit)) < 0) {
                if (!P_FAILED(p)) p->exc = 1;
                return -1;
            }
        }
        if (s >= end) break;
        char c = *s;
        if (depth == 0 && s + 1 < end && s[1] == c) {
            /* doubled brace */
            fb->has_lit = 1;
            if (strbuf_append_char(&fb->lit, c) < 0) return p->exc = 1, -1;
            s += 2;
            continue;
        }
        if (c == '}') {
            if (depth == 0) {
                p_error_last(p, &Exc_SyntaxError, "f-string: single '}' is not allowed");
                return -1;
            }
            break;
        }
        s++;
        if (fstring_field(p, fb, st, &s, end, depth, pos) < 0) return -1;
    }
    *sp = s;
    return 0;
}

/* ---- the STRING+ atom ---------------------------------------------------------------- */

AstExpr *p_strings(Parser *p) {
    Token *first = p_tok(p);
    int n = 0, any_fmt = 0, any_bytes = 0, any_str = 0;
    while (p_at(p, TOK_STRING)) {
        Token *t = p_next(p);
        StrTok st;
        split_token(t, &st);
        if (st.bytes) any_bytes = 1;
        else any_str = 1;
        if (st.fmt) any_fmt = 1;
        n++;
    }
    p_tok(p);  /* CPython has looked at the token after the strings */
    AstPos pos = p_pos_tok(p, first);
    if (any_bytes && any_str)
        return p_error_last(p, &Exc_SyntaxError, "cannot mix bytes and nonbytes literals");
    int first_idx = p->pos - n;
    StrTok st0;
    split_token(first, &st0);
    if (!any_fmt) {
        StrBuf sb;
        strbuf_init(&sb);
        for (int i = 0; i < n; i++) {
            StrTok st;
            split_token(p_tok_at(p, first_idx + i), &st);
            if (st.bytes) {
                for (int k = 0; k < st.len; k++)
                    if ((unsigned char)st.body[k] >= 0x80) {
                        strbuf_free(&sb);
                        return p_error_tok(p, st.tok, "bytes can only contain ASCII literal characters");
                    }
            }
            if (append_literal(p, &sb, &st, st.body, st.len) < 0) {
                strbuf_free(&sb);
                if (!P_FAILED(p)) p->exc = 1;
                return NULL;
            }
        }
        Object *v = any_bytes ? strbuf_finish_bytes(&sb) : strbuf_finish(&sb);
        AstExpr *e = str_constant(p, v, pos);
        if (e && st0.u) {
            e->v.constant.kind = p_own(p, str_intern(str_from_utf8("u", 1)));
            if (!e->v.constant.kind) return NULL;
        }
        return e;
    }
    FBuild fb;
    memset(&fb, 0, sizeof fb);
    strbuf_init(&fb.lit);
    for (int i = 0; i < n; i++) {
        StrTok st;
        split_token(p_tok_at(p, first_idx + i), &st);
        if (st.fmt) {
            const char *s = st.body;
            if (fstring_body(p, &fb, &st, &s, st.body + st.len, 0, pos) < 0) goto fail;
        } else {
            fb.has_lit = 1;
            if (append_literal(p, &fb.lit, &st, st.body, st.len) < 0) {
                if (!P_FAILED(p)) p->exc = 1;
                goto fail;
            }
        }
    }
    if (flush_literal(p, &fb, pos) < 0) goto fail;
    strbuf_free(&fb.lit);
    AstExpr *e = ast_expr_new(p->arena, EXPR_JOINEDSTR, pos);
    if (!e) return p_exc(p);
    e->v.joinedstr.values = fb.values;
    return e;
fail:
    strbuf_free(&fb.lit);
    return NULL;
}
