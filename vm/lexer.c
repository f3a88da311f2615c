/* vm/lexer.c — the tokenizer (see vm/lexer.h for the contract).
 *
 * It follows CPython 3.11's tokenizer closely where users can see it: the
 * indentation algorithm (tabs to multiples of 8, checked against "tabs count
 * as 1" for consistency), blank and comment lines ignored, no NEWLINE inside
 * brackets, number and string scanning, and the messages and positions of
 * tokenizer errors.  String contents are not decoded here: a STRING token is
 * the raw source text including prefix and quotes (parser_str.c decodes it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/lexer.h"
#include "vm/error.h"

#define TABSIZE 8

/* ---- UTF-8 helpers --------------------------------------------------------- */

uint32_t utf8_decode(const char *s, int *len) {
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) { *len = 1; return u[0]; }
    if (u[0] < 0xE0) { *len = 2; return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F); }
    if (u[0] < 0xF0) {
        *len = 3;
        return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    }
    *len = 4;
    return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
           ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
}

int utf8_char_count(const char *s, int nbytes) {
    int n = 0;
    for (int i = 0; i < nbytes && s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

const char *lexer_line(const char *buf, int lineno, int *len) {
    const char *p = buf;
    for (int i = 1; i < lineno && *p; i++) {
        const char *nl = strchr(p, '\n');
        if (!nl) { p += strlen(p); break; }
        p = nl + 1;
    }
    const char *e = strchr(p, '\n');
    *len = e ? (int)(e - p) : (int)strlen(p);
    return p;
}

/* ---- source preparation ---------------------------------------------------- */

char *lexer_prepare_source(const char *source, size_t *len_out) {
    size_t n = strlen(source);
    if (n >= 3 && (unsigned char)source[0] == 0xEF && (unsigned char)source[1] == 0xBB &&
        (unsigned char)source[2] == 0xBF) {
        source += 3;
        n -= 3;
    }
    char *buf = malloc(n + 2);
    if (!buf) { err_no_memory(); return NULL; }
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        char c = source[i];
        if (c == '\r') {
            if (i + 1 < n && source[i + 1] == '\n') i++;
            c = '\n';
        }
        buf[j++] = c;
    }
    if (j > 0 && buf[j - 1] != '\n') buf[j++] = '\n';
    buf[j] = '\0';
    *len_out = j;
    return buf;
}

/* ---- character classes ----------------------------------------------------- */

static int is_id_start_ascii(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static int is_id_char(int c) {
    return is_id_start_ascii(c) || (c >= '0' && c <= '9') || c >= 128;
}
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_xdigit(int c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Code points that are not printable (Unicode categories C*, Z* except
 * space): CPython names them "invalid non-printable character". */
static int cp_nonprintable(uint32_t c) {
    return (c >= 0x80 && c <= 0xA0) || c == 0xAD || (c >= 0x2000 && c <= 0x200F) ||
           (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000 ||
           c == 0xFEFF || (c >= 0xFFF0 && c <= 0xFFFB) || (c >= 0xE000 && c <= 0xF8FF) ||
           (c >= 0xD800 && c <= 0xDFFF) || c == 0x1680 || c == 0x180E;
}

/* An approximation of XID_Continue without the Unicode database: letters of
 * every script are accepted; what is rejected is punctuation, symbols and
 * spaces people actually paste into code (Latin-1 signs, general punctuation,
 * arrows and maths, CJK and full-width punctuation, emoji). */
static int cp_id_continue(uint32_t c) {
    if (c < 0x80) return is_id_char((int)c) && c != 0;
    if (cp_nonprintable(c)) return 0;
    if (c <= 0xBF) return c == 0xAA || c == 0xB5 || c == 0xBA || c == 0xB7;
    if (c == 0xD7 || c == 0xF7) return 0;
    if (c >= 0x2010 && c <= 0x205E) return c == 0x203F || c == 0x2040 || c == 0x2054;
    if (c >= 0x2070 && c <= 0x209F) return c == 0x2071 || c == 0x207F || (c >= 0x2090 && c <= 0x209C);
    if (c >= 0x20A0 && c <= 0x20FF) return c >= 0x20D0 && c <= 0x20F0;  /* currency; marks ok */
    if (c >= 0x2100 && c <= 0x214F) return 1;                          /* letterlike: mostly ok */
    if (c >= 0x2190 && c <= 0x2BFF) return 0;   /* arrows, maths, technical, boxes, symbols */
    if (c >= 0x2E00 && c <= 0x2E7F) return 0;
    if (c >= 0x3000 && c <= 0x303F)
        return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3021 && c <= 0x302F) ||
               (c >= 0x3031 && c <= 0x3035) || (c >= 0x3038 && c <= 0x303C);
    if (c >= 0xFE10 && c <= 0xFE1F) return 0;
    if (c >= 0xFE30 && c <= 0xFE4F) return c == 0xFE33 || c == 0xFE34 || (c >= 0xFE4D && c <= 0xFE4F);
    if (c >= 0xFE50 && c <= 0xFE6F) return 0;
    if (c >= 0xFF00 && c <= 0xFF65)
        return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || c == 0xFF3F ||
               (c >= 0xFF41 && c <= 0xFF5A);
    if (c >= 0xFFE0 && c <= 0xFFFF) return 0;
    if (c >= 0x1F000 && c <= 0x1FAFF) return 0;  /* emoji and pictographs */
    return 1;
}

static int cp_id_start(uint32_t c) {
    if (c < 0x80) return is_id_start_ascii((int)c);
    if (!cp_id_continue(c)) return 0;
    if (c == 0xB7) return 0;
    if (c >= 0x300 && c <= 0x36F) return 0;           /* combining marks */
    if (c >= 0xFF10 && c <= 0xFF19) return 0;         /* full-width digits */
    if (c == 0xFF3F) return 0;
    return 1;
}

/* ---- errors ----------------------------------------------------------------- */

/* Record a tokenizer error the way CPython's tokenizer reports it: the
 * offset counts the characters from the line start to the current position
 * unless an explicit (1-based, character) range is given. */
static TokType lex_error_range(Lexer *lx, int col, int end_col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static TokType lex_error_range(Lexer *lx, int col, int end_col, const char *fmt, ...) {
    if (lx->errkind == LEXERR_NONE) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(lx->err.msg, sizeof lx->err.msg, fmt, ap);
        va_end(ap);
        if (col < 0) col = utf8_char_count(lx->line_start, (int)(lx->cur - lx->line_start));
        if (end_col < 0) end_col = col;
        lx->err.type = &Exc_SyntaxError;
        lx->err.lineno = lx->err.end_lineno = lx->lineno;
        lx->err.offset = col;
        lx->err.end_offset = end_col;
        lx->err.chars = 1;
        lx->err.text_newline = 0;
        lx->errkind = LEXERR_SYNTAX;
    }
    return TOK_ERROR;
}
#define lex_error(lx, ...) lex_error_range(lx, -1, -1, __VA_ARGS__)

/* Errors CPython's parser builds from the tokenizer state (bad dedent, tab
 * mix, too deep, line continuation): col is a 0-based byte column or -1 for
 * "the current position in the line". */
static TokType lex_state_error(Lexer *lx, TypeObject *type, const char *msg, int offset,
                               int end_offset) {
    if (lx->errkind == LEXERR_NONE) {
        snprintf(lx->err.msg, sizeof lx->err.msg, "%s", msg);
        lx->err.type = type;
        lx->err.lineno = lx->err.end_lineno = lx->lineno;
        lx->err.offset = offset;
        lx->err.end_offset = end_offset;
        lx->err.chars = 0;
        lx->err.text_newline = 1;
        lx->errkind = LEXERR_STATE;
    }
    return TOK_ERROR;
}

/* ---- init ------------------------------------------------------------------- */

void lexer_init(Lexer *lx, const char *buf) {
    memset(lx, 0, sizeof *lx);
    lx->buf = buf;
    lx->chain_start = buf;
    lx->end = buf + strlen(buf);
    lx->cur = buf;
    lx->line_start = buf;
    lx->lineno = 1;
    lx->atbol = 1;
}

void lexer_init_slice(Lexer *lx, const char *buf, const char *start, const char *end,
                      int lineno, const char *line_start) {
    memset(lx, 0, sizeof *lx);
    lx->buf = buf;
    lx->end = end;
    lx->cur = start;
    lx->line_start = line_start;
    lx->lineno = lineno;
    lx->atbol = 0;
    lx->base_level = 1;
}

/* ---- keywords ----------------------------------------------------------------- */

static const struct { const char *s; TokType t; } keywords[] = {
    {"False", KW_FALSE}, {"None", KW_NONE}, {"True", KW_TRUE}, {"and", KW_AND},
    {"as", KW_AS}, {"assert", KW_ASSERT}, {"async", KW_ASYNC}, {"await", KW_AWAIT},
    {"break", KW_BREAK}, {"class", KW_CLASS}, {"continue", KW_CONTINUE}, {"def", KW_DEF},
    {"del", KW_DEL}, {"elif", KW_ELIF}, {"else", KW_ELSE}, {"except", KW_EXCEPT},
    {"finally", KW_FINALLY}, {"for", KW_FOR}, {"from", KW_FROM}, {"global", KW_GLOBAL},
    {"if", KW_IF}, {"import", KW_IMPORT}, {"in", KW_IN}, {"is", KW_IS},
    {"lambda", KW_LAMBDA}, {"nonlocal", KW_NONLOCAL}, {"not", KW_NOT}, {"or", KW_OR},
    {"pass", KW_PASS}, {"raise", KW_RAISE}, {"return", KW_RETURN}, {"try", KW_TRY},
    {"while", KW_WHILE}, {"with", KW_WITH}, {"yield", KW_YIELD},
};

static TokType keyword_type(const char *s, int len) {
    if (len < 2 || len > 8) return TOK_NAME;
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (keywords[i].s[0] == s[0] && (int)strlen(keywords[i].s) == len &&
            memcmp(keywords[i].s, s, (size_t)len) == 0)
            return keywords[i].t;
    return TOK_NAME;
}

/* ---- scanning pieces ------------------------------------------------------------ */

static int peekc(Lexer *lx) { return lx->cur < lx->end ? (unsigned char)*lx->cur : -1; }
static int peekc_at(Lexer *lx, int k) {
    return lx->cur + k < lx->end ? (unsigned char)lx->cur[k] : -1;
}

/* Checks an identifier containing non-ASCII bytes, [start, cur). */
static int verify_identifier(Lexer *lx, const char *start) {
    const char *p = start;
    int first = 1;
    while (p < lx->cur) {
        int n;
        uint32_t c = utf8_decode(p, &n);
        int ok = first ? cp_id_start(c) : cp_id_continue(c);
        if (!ok) {
            lx->cur = p + n;
            if (cp_nonprintable(c))
                lex_error(lx, "invalid non-printable character U+%04X", c);
            else
                lex_error(lx, "invalid character '%.*s' (U+%04X)", n, p, c);
            return 0;
        }
        first = 0;
        p += n;
    }
    return 1;
}

/* After a number: a letter right after it is an error unless it starts one
 * of the keywords that may legally follow a number ("1if x else 2"). */
static int verify_end_of_number(Lexer *lx, const char *kind) {
    int c = peekc(lx);
    int ok_kw = 0;
    const char *s = lx->cur;
    size_t rest = (size_t)(lx->end - s);
    if (c == 'a') ok_kw = rest >= 3 && memcmp(s, "and", 3) == 0;
    else if (c == 'e') ok_kw = rest >= 4 && memcmp(s, "else", 4) == 0;
    else if (c == 'f') ok_kw = rest >= 3 && memcmp(s, "for", 3) == 0;
    else if (c == 'i') ok_kw = rest >= 2 && (s[1] == 'f' || s[1] == 'n' || s[1] == 's');
    else if (c == 'o') ok_kw = rest >= 2 && s[1] == 'r';
    else if (c == 'n') ok_kw = rest >= 3 && memcmp(s, "not", 3) == 0;
    if (ok_kw) return 1;
    if (c >= 0 && is_id_char(c)) {
        lex_error(lx, "invalid %s literal", kind);
        return 0;
    }
    return 1;
}

/* Digits with single underscores between them; cur is after the first digit. */
static int decimal_tail(Lexer *lx) {
    for (;;) {
        while (is_digit(peekc(lx))) lx->cur++;
        if (peekc(lx) != '_') return 1;
        if (!is_digit(peekc_at(lx, 1))) {
            lx->cur++;
            lex_error(lx, "invalid decimal literal");
            return 0;
        }
        lx->cur++;
    }
}

static int radix_digit(int c, int radix) {
    if (radix == 16) return is_xdigit(c);
    if (radix == 8) return c >= '0' && c <= '7';
    return c == '0' || c == '1';
}

/* A number starting at lx->cur (a digit, or '.' followed by a digit). */
static TokType scan_number(Lexer *lx) {
    const char *start = lx->cur;
    int c = peekc(lx);
    if (c == '0' && (peekc_at(lx, 1) == 'x' || peekc_at(lx, 1) == 'X' || peekc_at(lx, 1) == 'o' ||
                     peekc_at(lx, 1) == 'O' || peekc_at(lx, 1) == 'b' || peekc_at(lx, 1) == 'B')) {
        int p = peekc_at(lx, 1) | 0x20;
        int radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
        const char *kind = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary";
        lx->cur += 2;
        do {
            if (peekc(lx) == '_') lx->cur++;
            c = peekc(lx);
            if (!radix_digit(c, radix)) {
                if (radix != 16 && c >= 0 && is_digit(c)) {
                    lx->cur++;
                    return lex_error(lx, "invalid digit '%c' in %s literal", c, kind);
                }
                return lex_error(lx, "invalid %s literal", kind);
            }
            while (radix_digit(peekc(lx), radix)) lx->cur++;
        } while (peekc(lx) == '_');
        c = peekc(lx);
        if (radix != 16 && c >= 0 && is_digit(c)) {
            lx->cur++;
            return lex_error(lx, "invalid digit '%c' in %s literal", c, kind);
        }
        if (!verify_end_of_number(lx, kind)) return TOK_ERROR;
        return TOK_NUMBER;
    }
    if (c == '0') {
        /* leading zeros: only "0", "00_0" or the start of a float */
        int nonzero = 0;
        lx->cur++;
        for (;;) {
            if (peekc(lx) == '_') {
                lx->cur++;
                if (!is_digit(peekc(lx))) return lex_error(lx, "invalid decimal literal");
            }
            if (peekc(lx) != '0') break;
            lx->cur++;
        }
        const char *zeros_end = lx->cur + 1;
        if (is_digit(peekc(lx))) {
            nonzero = 1;
            lx->cur++;
            if (!decimal_tail(lx)) return TOK_ERROR;
        }
        c = peekc(lx);
        if (c == '.') {
            lx->cur++;
            goto fraction;
        }
        if (c == 'e' || c == 'E') goto exponent;
        if (c == 'j' || c == 'J') goto imaginary;
        if (nonzero) {
            int col = utf8_char_count(lx->line_start, (int)(start - lx->line_start)) + 1;
            int end = utf8_char_count(lx->line_start, (int)(zeros_end - lx->line_start));
            return lex_error_range(lx, col, end,
                                   "leading zeros in decimal integer literals are not "
                                   "permitted; use an 0o prefix for octal integers");
        }
        if (!verify_end_of_number(lx, "decimal")) return TOK_ERROR;
        return TOK_NUMBER;
    }
    if (c != '.') {
        lx->cur++;
        if (!decimal_tail(lx)) return TOK_ERROR;
        if (peekc(lx) == '.') lx->cur++;
        else goto after_fraction;
    } else {
        lx->cur++;  /* '.' then digits */
    }
fraction:
    if (is_digit(peekc(lx))) {
        lx->cur++;
        if (!decimal_tail(lx)) return TOK_ERROR;
    }
after_fraction:
    c = peekc(lx);
    if (c == 'e' || c == 'E') {
    exponent:
        c = peekc_at(lx, 1);
        if (c == '+' || c == '-') {
            if (!is_digit(peekc_at(lx, 2))) {
                lx->cur += 2;
                return lex_error(lx, "invalid decimal literal");
            }
            lx->cur += 2;
        } else if (!is_digit(c)) {
            /* "1else": the e belongs to a keyword */
            if (!verify_end_of_number(lx, "decimal")) return TOK_ERROR;
            return TOK_NUMBER;
        } else {
            lx->cur++;
        }
        lx->cur++;
        if (!decimal_tail(lx)) return TOK_ERROR;
    }
    c = peekc(lx);
    if (c == 'j' || c == 'J') {
    imaginary:
        lx->cur++;
        if (!verify_end_of_number(lx, "imaginary")) return TOK_ERROR;
    } else if (!verify_end_of_number(lx, "decimal")) {
        return TOK_ERROR;
    }
    return TOK_NUMBER;
}

/* A string whose opening quote is at lx->cur; tok_start includes the prefix. */
static TokType scan_string(Lexer *lx, const char *tok_start, int *first_line,
                           const char **first_line_start) {
    char quote = *lx->cur;
    int quote_size = 1;
    *first_line = lx->lineno;
    *first_line_start = lx->line_start;
    lx->cur++;
    if (peekc(lx) == quote && peekc_at(lx, 1) == quote) {
        quote_size = 3;
        lx->cur += 2;
    } else if (peekc(lx) == quote) {
        lx->cur++;
        return TOK_STRING;  /* empty string */
    }
    int end_quotes = 0;
    while (end_quotes != quote_size) {
        int c = peekc(lx);
        if (c < 0 || (quote_size == 1 && c == '\n')) {
            /* CPython has not started a new line when it meets the end */
            int detected = c < 0 && lx->lineno > 1 ? lx->lineno - 1 : lx->lineno;
            lx->cur = tok_start + 1;
            lx->line_start = *first_line_start;
            lx->lineno = *first_line;
            if (quote_size == 3)
                return lex_error(lx,
                                 "unterminated triple-quoted string literal (detected at line %d)",
                                 detected);
            return lex_error(lx, "unterminated string literal (detected at line %d)", detected);
        }
        lx->cur++;
        if (c == quote) {
            end_quotes++;
        } else {
            end_quotes = 0;
            if (c == '\\') {
                c = peekc(lx);
                if (c >= 0) lx->cur++;
            }
            if (c == '\n') {
                lx->lineno++;
                lx->line_start = lx->cur;
            }
        }
    }
    return TOK_STRING;
}

/* Operators of two or three characters; returns the type and its length. */
static TokType scan_operator(Lexer *lx, int *len) {
    int c1 = peekc(lx), c2 = peekc_at(lx, 1), c3 = peekc_at(lx, 2);
    *len = 3;
    if (c3 == '=') {
        if (c1 == '*' && c2 == '*') return TOK_DOUBLESTAREQUAL;
        if (c1 == '/' && c2 == '/') return TOK_DOUBLESLASHEQUAL;
        if (c1 == '<' && c2 == '<') return TOK_LSHIFTEQUAL;
        if (c1 == '>' && c2 == '>') return TOK_RSHIFTEQUAL;
    }
    if (c1 == '.' && c2 == '.' && c3 == '.') return TOK_ELLIPSIS;
    *len = 2;
    if (c2 == '=') {
        switch (c1) {
        case '=': return TOK_EQEQUAL;
        case '!': return TOK_NOTEQUAL;
        case '<': return TOK_LESSEQUAL;
        case '>': return TOK_GREATEREQUAL;
        case '+': return TOK_PLUSEQUAL;
        case '-': return TOK_MINEQUAL;
        case '*': return TOK_STAREQUAL;
        case '/': return TOK_SLASHEQUAL;
        case '%': return TOK_PERCENTEQUAL;
        case '&': return TOK_AMPEREQUAL;
        case '|': return TOK_VBAREQUAL;
        case '^': return TOK_CIRCUMFLEXEQUAL;
        case '@': return TOK_ATEQUAL;
        case ':': return TOK_COLONEQUAL;
        }
    }
    if (c1 == '*' && c2 == '*') return TOK_DOUBLESTAR;
    if (c1 == '/' && c2 == '/') return TOK_DOUBLESLASH;
    if (c1 == '<' && c2 == '<') return TOK_LSHIFT;
    if (c1 == '>' && c2 == '>') return TOK_RSHIFT;
    if (c1 == '-' && c2 == '>') return TOK_ARROW;
    if (c1 == '<' && c2 == '>') return TOK_NOTEQUAL;  /* rejected by the parser */
    *len = 1;
    switch (c1) {
    case '(': return TOK_LPAR;
    case ')': return TOK_RPAR;
    case '[': return TOK_LSQB;
    case ']': return TOK_RSQB;
    case '{': return TOK_LBRACE;
    case '}': return TOK_RBRACE;
    case ':': return TOK_COLON;
    case ',': return TOK_COMMA;
    case ';': return TOK_SEMI;
    case '.': return TOK_DOT;
    case '=': return TOK_EQUAL;
    case '+': return TOK_PLUS;
    case '-': return TOK_MINUS;
    case '*': return TOK_STAR;
    case '/': return TOK_SLASH;
    case '%': return TOK_PERCENT;
    case '&': return TOK_AMPER;
    case '|': return TOK_VBAR;
    case '^': return TOK_CIRCUMFLEX;
    case '@': return TOK_AT;
    case '<': return TOK_LESS;
    case '>': return TOK_GREATER;
    case '~': return TOK_TILDE;
    }
    return TOK_OTHER_OP;
}

/* ---- indentation ------------------------------------------------------------------ */

/* At the start of a line: measure the indentation and queue INDENT/DEDENTs.
 * Returns TOK_ERROR on an inconsistent dedent or tab/space mix, else 0. */
static int handle_indentation(Lexer *lx) {
    int col = 0, altcol = 0, cont_col = -1;
    lx->atbol = 0;
    for (;;) {
        int c = peekc(lx);
        if (c == ' ') {
            col++;
            altcol++;
        } else if (c == '\t') {
            col = (col / TABSIZE + 1) * TABSIZE;
            altcol++;
        } else if (c == '\f') {
            col = altcol = 0;
        } else if (c == '\\' && peekc_at(lx, 1) == '\n') {
            /* indentation can't be split over lines: the first backslash's
             * column decides */
            if (cont_col < 0) cont_col = col;
            lx->cur += 2;
            lx->lineno++;
            lx->line_start = lx->cur;
            continue;
        } else {
            break;
        }
        lx->cur++;
    }
    int c = peekc(lx);
    int blank = (c == '#' || c == '\n');
    if (blank || lx->level > 0 || lx->base_level) return 0;
    if (cont_col >= 0) col = altcol = cont_col;
    if (col == lx->indstack[lx->indent]) {
        if (altcol != lx->altindstack[lx->indent]) goto tab_error;
    } else if (col > lx->indstack[lx->indent]) {
        if (lx->indent + 1 >= LEX_MAXINDENT) {
            lx->cur = strchr(lx->cur, '\n') + 1;
            lex_state_error(lx, &Exc_IndentationError, "too many levels of indentation", 1, 0);
            return TOK_ERROR;
        }
        if (altcol <= lx->altindstack[lx->indent]) goto tab_error;
        lx->pendin++;
        lx->indent++;
        lx->indstack[lx->indent] = col;
        lx->altindstack[lx->indent] = altcol;
    } else {
        while (lx->indent > 0 && col < lx->indstack[lx->indent]) {
            lx->pendin--;
            lx->indent--;
        }
        if (col != lx->indstack[lx->indent]) {
            /* CPython points after the whole line */
            const char *nl = strchr(lx->cur, '\n');
            int off = (int)((nl ? nl + 1 : lx->cur) - lx->line_start);
            lex_state_error(lx, &Exc_IndentationError,
                            "unindent does not match any outer indentation level", off, -1);
            return TOK_ERROR;
        }
        if (altcol != lx->altindstack[lx->indent]) goto tab_error;
    }
    return 0;
tab_error:
    lex_state_error(lx, &Exc_TabError, "inconsistent use of tabs and spaces in indentation", 1,
                    0);
    return TOK_ERROR;
}

/* ---- the main loop ---------------------------------------------------------------- */

static TokType finish(Lexer *lx, Token *t, TokType type, const char *start, int lineno,
                      const char *line_start) {
    t->type = type;
    t->start = start;
    t->len = (int)(lx->cur - start);
    t->lineno = lineno;
    t->col = (int)(start - line_start);
    t->end_lineno = lx->lineno;
    t->end_col = (int)(lx->cur - lx->line_start);
    t->level = lx->level + lx->base_level;
    lx->line_tokens = 1;
    return type;
}

TokType lexer_next(Lexer *lx, Token *t) {
    if (lx->errkind != LEXERR_NONE) return TOK_ERROR;
again:
    if (lx->chain_reset) {
        lx->chain_start = lx->cur;
        lx->chain_reset = 0;
    }
    if (lx->atbol && lx->cur < lx->end) {
        if (handle_indentation(lx) == TOK_ERROR) return TOK_ERROR;
    }
    if (lx->pendin != 0) {
        TokType type = lx->pendin < 0 ? TOK_DEDENT : TOK_INDENT;
        lx->pendin += lx->pendin < 0 ? 1 : -1;
        /* INDENT/DEDENT have no extent: CPython reports -1 columns */
        t->type = type;
        t->start = lx->cur;
        t->len = 0;
        t->lineno = t->end_lineno = lx->lineno;
        t->col = t->end_col = -1;
        t->level = lx->level;
        return type;
    }
    /* skip spaces and comments */
    const char *comment = NULL;
    for (;;) {
        int c = peekc(lx);
        if (c == ' ' || c == '\t' || c == '\f') {
            lx->cur++;
        } else if (c == '#') {
            comment = lx->cur;
            while (lx->cur < lx->end && *lx->cur != '\n') lx->cur++;
        } else {
            break;
        }
    }
    const char *start = lx->cur;
    int c = peekc(lx);
    if (c < 0) {
        /* end of input */
        if (lx->base_level) {
            t->type = TOK_ENDMARKER;
            t->start = lx->cur;
            t->len = 0;
            t->lineno = t->end_lineno = lx->lineno;
            /* stands for the ')' CPython wraps a field's text in */
            t->col = (int)(lx->cur - lx->line_start);
            t->end_col = t->col + 1;
            t->level = lx->level;
            return TOK_ENDMARKER;
        }
        if (lx->level > 0) {
            lx->err.eof_in_brackets = 1;
            return lex_state_error(lx, &Exc_SyntaxError, "unexpected EOF while parsing", 0, 0);
        }
        /* the final DEDENTs and ENDMARKER belong to the last line (CPython
         * reads no further line) and have no columns */
        t->type = TOK_ENDMARKER;
        if (lx->indent > 0) {
            lx->indent--;
            t->type = TOK_DEDENT;
        } else {
            lx->done = 1;
        }
        t->start = lx->cur;
        t->len = 0;
        t->lineno = t->end_lineno = lx->lineno > 1 ? lx->lineno - 1 : 1;
        t->col = t->end_col = -1;
        t->level = 0;
        return t->type;
    }
    int lineno = lx->lineno;
    const char *line_start = lx->line_start;

    if (is_id_start_ascii(c) || c >= 128) {
        int saw_b = 0, saw_r = 0, saw_u = 0, saw_f = 0;
        for (;;) {
            int l = c | 0x20;
            if (!(saw_b || saw_u || saw_f) && l == 'b') saw_b = 1;
            else if (!(saw_b || saw_u || saw_r || saw_f) && l == 'u') saw_u = 1;
            else if (!(saw_r || saw_u) && l == 'r') saw_r = 1;
            else if (!(saw_f || saw_b || saw_u) && l == 'f') saw_f = 1;
            else break;
            lx->cur++;
            c = peekc(lx);
            if (c == '"' || c == '\'') {
                int fl;
                const char *fls;
                TokType r = scan_string(lx, start, &fl, &fls);
                if (r == TOK_ERROR) return r;
                return finish(lx, t, TOK_STRING, start, fl, fls);
            }
        }
        int nonascii = 0;
        while ((c = peekc(lx)) >= 0 && is_id_char(c)) {
            if (c >= 128) nonascii = 1;
            lx->cur++;
        }
        if (nonascii && !verify_identifier(lx, start)) return TOK_ERROR;
        TokType kw = keyword_type(start, (int)(lx->cur - start));
        return finish(lx, t, kw, start, lineno, line_start);
    }
    if (c == '\n') {
        lx->cur++;
        lx->atbol = 1;
        lx->lineno++;
        lx->line_start = lx->cur;
        lx->chain_reset = 1;
        /* a NEWLINE ends a logical line only if something was on it */
        if (lx->level > 0 || lx->base_level || !lx->line_tokens) goto again;
        lx->line_tokens = 0;
        /* like CPython's, a NEWLINE after a comment starts at the '#' */
        t->type = TOK_NEWLINE;
        t->start = start;
        t->len = 1;
        t->lineno = t->end_lineno = lineno;
        t->col = (int)((comment ? comment : start) - line_start);
        t->end_col = (int)(start - line_start);
        t->level = lx->level;
        return TOK_NEWLINE;
    }
    if (c == '\\') {
        lx->cur++;
        c = peekc(lx);
        if (c != '\n') {
            if (c >= 0) lx->cur++;
            lex_state_error(lx, &Exc_SyntaxError,
                            "unexpected character after line continuation character",
                            (int)(lx->cur - lx->line_start), 0);
            return TOK_ERROR;
        }
        if (lx->cur + 1 >= lx->end) {
            /* backslash at the very end: CPython reports the line after it */
            lex_state_error(lx, &Exc_SyntaxError, "unexpected EOF while parsing",
                            (int)(lx->cur + 1 - lx->line_start), -1);
            lx->cur++;
            return TOK_ERROR;
        }
        lx->cur++;
        lx->lineno++;
        lx->line_start = lx->cur;
        goto again;
    }
    if (is_digit(c) || (c == '.' && is_digit(peekc_at(lx, 1)))) {
        TokType r = scan_number(lx);
        if (r == TOK_ERROR) return r;
        return finish(lx, t, TOK_NUMBER, start, lineno, line_start);
    }
    if (c == '"' || c == '\'') {
        int fl;
        const char *fls;
        TokType r = scan_string(lx, start, &fl, &fls);
        if (r == TOK_ERROR) return r;
        return finish(lx, t, TOK_STRING, start, fl, fls);
    }
    int len;
    TokType op = scan_operator(lx, &len);
    lx->cur += len;
    switch (op) {
    case TOK_LPAR:
    case TOK_LSQB:
    case TOK_LBRACE:
        if (lx->level >= LEX_MAXLEVEL) return lex_error(lx, "too many nested parentheses");
        lx->parenstack[lx->level] = (char)c;
        lx->parenlineno[lx->level] = lx->lineno;
        lx->parencol[lx->level] = (int)(start - lx->line_start);
        lx->level++;
        break;
    case TOK_RPAR:
    case TOK_RSQB:
    case TOK_RBRACE: {
        if (lx->level == 0) {
            if (lx->base_level) return finish(lx, t, op, start, lineno, line_start);
            return lex_error(lx, "unmatched '%c'", c);
        }
        lx->level--;
        int open = lx->parenstack[lx->level];
        if (!((open == '(' && c == ')') || (open == '[' && c == ']') ||
              (open == '{' && c == '}'))) {
            if (lx->parenlineno[lx->level] != lx->lineno)
                return lex_error(lx,
                                 "closing parenthesis '%c' does not match opening "
                                 "parenthesis '%c' on line %d",
                                 c, open, lx->parenlineno[lx->level]);
            return lex_error(lx,
                             "closing parenthesis '%c' does not match opening parenthesis '%c'",
                             c, open);
        }
        break;
    }
    default:
        break;
    }
    return finish(lx, t, op, start, lineno, line_start);
}
