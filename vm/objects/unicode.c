/* vm/objects/unicode.c — code point utilities: UTF-8 helpers, Python's
 * character classes and case mappings, and the three built-in codecs
 * (utf-8, ascii, latin-1) used by str.encode and bytes.decode.
 *
 * The property and case tables (unicode_db.h) are generated from CPython's
 * own str methods by tools/gen_unicode_db.py, so isalpha(), upper() ... agree
 * exactly with the reference implementation.  ASCII takes a table-free path.
 */
#include <string.h>

#include "vm/error.h"
#include "vm/objects/bytes.h"
#include "vm/objects/int.h"
#include "vm/objects/str.h"
#include "vm/objects/text.h"
#include "vm/strbuf.h"
#include "vm/objects/unicode_db.h"

/* ---- UTF-8 ----------------------------------------------------------------- */

int utf8_encode(uint32_t cp, char *buf) {
    unsigned char *p = (unsigned char *)buf;
    if (cp < 0x80) {
        p[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        p[0] = (unsigned char)(0xC0 | (cp >> 6));
        p[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        p[0] = (unsigned char)(0xE0 | (cp >> 12));
        p[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        p[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    p[0] = (unsigned char)(0xF0 | (cp >> 18));
    p[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    p[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    p[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

intptr_t utf8_count(const char *s, size_t n) {
    /* every byte that is not a continuation byte starts a code point */
    intptr_t count = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) count += (p[i] & 0xC0) != 0x80;
    return count;
}

/* ---- character classes ------------------------------------------------------ */

static unsigned uni_props(uint32_t cp) {
    size_t lo = 0, hi = sizeof uni_run_start / sizeof uni_run_start[0];
    while (hi - lo > 1) {   /* last run whose start <= cp */
        size_t mid = (lo + hi) / 2;
        if (uni_run_start[mid] <= cp) lo = mid;
        else hi = mid;
    }
    return uni_run_mask[lo];
}

/* ASCII answers without the binary search (the tables give the same). */
#define ASCII_OR_TABLE(cp, bit) ((cp) < 128 ? (uni_run_mask_ascii(cp) & (bit)) != 0 \
                                            : (uni_props(cp) & (bit)) != 0)
static inline unsigned uni_run_mask_ascii(uint32_t c) {
    static unsigned short table[128];
    static bool ready;
    if (!ready) {
        for (uint32_t i = 0; i < 128; i++) table[i] = (unsigned short)uni_props(i);
        ready = true;
    }
    return table[c];
}

bool uni_isspace(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_SPACE); }
bool uni_isalpha(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_ALPHA); }
bool uni_isdecimal(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_DECIMAL); }
bool uni_isdigit(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_DIGIT); }
bool uni_isnumeric(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_NUMERIC); }
bool uni_isalnum(uint32_t cp) {
    return ASCII_OR_TABLE(cp, UP_ALPHA | UP_DECIMAL | UP_DIGIT | UP_NUMERIC);
}
bool uni_isupper(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_UPPER); }
bool uni_islower(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_LOWER); }
bool uni_istitle(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_TITLE); }
bool uni_iscased(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_CASED); }
bool uni_isprintable(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_PRINTABLE); }
bool uni_isidstart(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_IDSTART); }
bool uni_isidcontinue(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_IDCONTINUE); }
bool uni_islinebreak(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_LINEBREAK); }
bool uni_iscaseignorable(uint32_t cp) { return ASCII_OR_TABLE(cp, UP_CASE_IGNORABLE); }

int uni_decimal_value(uint32_t cp) {
    if (cp >= '0' && cp <= '9') return (int)(cp - '0');
    if (cp < 128 || !uni_isdecimal(cp)) return -1;
    size_t lo = 0, hi = sizeof uni_decimal_zero / sizeof uni_decimal_zero[0];
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (uni_decimal_zero[mid] <= cp) lo = mid;
        else hi = mid;
    }
    return (int)(cp - uni_decimal_zero[lo]);
}

/* ---- case mappings ------------------------------------------------------------ */

static const UniCase *uni_case_find(uint32_t cp) {
    size_t lo = 0, hi = sizeof uni_case / sizeof uni_case[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (uni_case[mid].cp == cp) return &uni_case[mid];
        if (uni_case[mid].cp < cp) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

static const UniSpecial *uni_special_find(uint32_t cp) {
    size_t lo = 0, hi = sizeof uni_special / sizeof uni_special[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (uni_special[mid].cp == cp) return &uni_special[mid];
        if (uni_special[mid].cp < cp) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

static int copy_full(const uint32_t *src, uint32_t *out) {
    int n = 0;
    while (n < 3 && src[n]) {
        out[n] = src[n];
        n++;
    }
    return n;
}

enum { CASE_UPPER, CASE_LOWER, CASE_TITLE, CASE_FOLD };

static int uni_map(uint32_t cp, uint32_t *out, int which) {
    if (cp < 128) {
        if (which == CASE_UPPER || which == CASE_TITLE)
            out[0] = (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
        else
            out[0] = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
        return 1;
    }
    const UniSpecial *sp = uni_special_find(cp);
    if (sp) {
        switch (which) {
        case CASE_UPPER: return copy_full(sp->upper, out);
        case CASE_LOWER: return copy_full(sp->lower, out);
        case CASE_TITLE: return copy_full(sp->title, out);
        default: return copy_full(sp->fold, out);
        }
    }
    const UniCase *c = uni_case_find(cp);
    if (!c) {
        out[0] = cp;
        return 1;
    }
    switch (which) {
    case CASE_UPPER: out[0] = c->upper; break;
    case CASE_TITLE: out[0] = c->title; break;
    default: out[0] = c->lower; break;
    }
    return 1;
}

int uni_toupper_full(uint32_t cp, uint32_t *out) { return uni_map(cp, out, CASE_UPPER); }
int uni_tolower_full(uint32_t cp, uint32_t *out) { return uni_map(cp, out, CASE_LOWER); }
int uni_totitle_full(uint32_t cp, uint32_t *out) { return uni_map(cp, out, CASE_TITLE); }
int uni_casefold_full(uint32_t cp, uint32_t *out) { return uni_map(cp, out, CASE_FOLD); }

/* ---- codecs --------------------------------------------------------------------- */

/* Lower-case the name and unify '_' / ' ' with '-' as CPython's lookup does. */
static void codec_normalise(const char *in, char *out, size_t cap) {
    size_t i = 0;
    for (; in[i] && i + 1 < cap; i++) {
        char c = in[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c == '_' || c == ' ') c = '-';
        out[i] = c;
    }
    out[i] = '\0';
}

int codec_lookup(const char *encoding) {
    char name[32];
    if (!encoding) return CODEC_UTF8;
    codec_normalise(encoding, name, sizeof name);
    static const char *const utf8[] = {"utf-8", "utf8", "u8", "utf", "cp65001", NULL};
    static const char *const ascii[] = {"ascii", "us-ascii", "646", "us", NULL};
    static const char *const latin1[] = {"latin-1", "latin1", "latin", "iso-8859-1",
                                         "iso8859-1", "8859", "cp819", "l1",
                                         "iso-ir-100", NULL};
    for (int i = 0; utf8[i]; i++)
        if (strcmp(name, utf8[i]) == 0) return CODEC_UTF8;
    for (int i = 0; ascii[i]; i++)
        if (strcmp(name, ascii[i]) == 0) return CODEC_ASCII;
    for (int i = 0; latin1[i]; i++)
        if (strcmp(name, latin1[i]) == 0) return CODEC_LATIN1;
    static const char *const known[] = {"utf-16", "utf-32", "utf-16-le", "utf-16-be",
                                        "utf-32-le", "utf-32-be", "utf-7", "cp1252",
                                        "cp437", "gbk", "gb2312", "gb18030", "big5",
                                        "shift-jis", "euc-jp", "idna", "punycode",
                                        "unicode-escape", "raw-unicode-escape",
                                        "utf-8-sig", "hex", "base64", NULL};
    for (int i = 0; known[i]; i++)
        if (strcmp(name, known[i]) == 0) {
            err_format(&Exc_NotImplementedError,
                       "gilpy supports only the utf-8, ascii and latin-1 codecs, not '%s'",
                       encoding);
            return -1;
        }
    err_format(&Exc_LookupError, "unknown encoding: %s", encoding);
    return -1;
}

static const char *codec_name(int codec) {
    return codec == CODEC_UTF8 ? "utf-8" : codec == CODEC_ASCII ? "ascii" : "latin-1";
}

enum { ERR_STRICT, ERR_REPLACE, ERR_IGNORE, ERR_BACKSLASH, ERR_SURROGATEESCAPE,
       ERR_XMLCHARREF, ERR_SURROGATEPASS };

/* Looked up lazily, like CPython: an unknown handler only fails when an
 * error actually needs handling. */
static int error_handler(const char *errors) {
    if (!errors || strcmp(errors, "strict") == 0) return ERR_STRICT;
    if (strcmp(errors, "replace") == 0) return ERR_REPLACE;
    if (strcmp(errors, "ignore") == 0) return ERR_IGNORE;
    if (strcmp(errors, "backslashreplace") == 0) return ERR_BACKSLASH;
    if (strcmp(errors, "surrogateescape") == 0) return ERR_SURROGATEESCAPE;
    if (strcmp(errors, "xmlcharrefreplace") == 0) return ERR_XMLCHARREF;
    if (strcmp(errors, "surrogatepass") == 0) return ERR_SURROGATEPASS;
    err_format(&Exc_LookupError, "unknown error handler name '%s'", errors);
    return -1;
}

static void raise_unicode_error(TypeObject *type, const char *encoding, Object *object,
                                intptr_t start, intptr_t end, const char *reason) {
    Object *args[5];
    args[0] = str_from_cstr(encoding);
    args[1] = object;
    args[2] = int_from_ssize(start);
    args[3] = int_from_ssize(end);
    args[4] = str_from_cstr(reason);
    if (args[0] && args[2] && args[3] && args[4]) {
        Object *exc = exc_new(type, args, 5);
        if (exc) err_restore(exc);
    }
    XDECREF(args[0]);
    XDECREF(args[2]);
    XDECREF(args[3]);
    XDECREF(args[4]);
}

static void raise_encode_error(const char *encoding, Object *s, intptr_t start,
                               intptr_t end, const char *reason) {
    raise_unicode_error(&Exc_UnicodeEncodeError, encoding, s, start, end, reason);
}

static int append_backslash_cp(StrBuf *sb, uint32_t cp) {
    if (cp < 0x100) return strbuf_printf(sb, "\\x%02x", cp);
    if (cp < 0x10000) return strbuf_printf(sb, "\\u%04x", cp);
    return strbuf_printf(sb, "\\U%08x", cp);
}

Object *str_encode(Object *s, const char *encoding, const char *errors) {
    int codec = codec_lookup(encoding);
    if (codec < 0) return NULL;
    const unsigned char *p = (const unsigned char *)STR_DATA(s);
    intptr_t n = STR_SIZE(s);
    if (((StrObject *)s)->ascii) return bytes_from_buf((const char *)p, (size_t)n);
    uint32_t limit = codec == CODEC_ASCII ? 0x80 : codec == CODEC_LATIN1 ? 0x100 : 0x110000;
    StrBuf sb;
    strbuf_init(&sb);
    intptr_t i = 0, pos = 0;   /* byte offset, code point index */
    while (i < n) {
        int len;
        uint32_t cp = utf8_decode(p + i, &len);
        bool bad = cp >= limit || (codec == CODEC_UTF8 && cp >= 0xD800 && cp < 0xE000);
        if (!bad) {
            if (codec == CODEC_UTF8) {
                if (strbuf_append(&sb, (const char *)p + i, (size_t)len) < 0) goto fail;
            } else if (strbuf_append_char(&sb, (char)cp) < 0) {
                goto fail;
            }
            i += len;
            pos++;
            continue;
        }
        /* a run of unencodable characters, reported as one error */
        intptr_t run_start = pos, j = i, run_end = pos;
        while (j < n) {
            int l2;
            uint32_t c2 = utf8_decode(p + j, &l2);
            bool bad2 = c2 >= limit || (codec == CODEC_UTF8 && c2 >= 0xD800 && c2 < 0xE000);
            if (!bad2) break;
            j += l2;
            run_end++;
        }
        int h = error_handler(errors);
        if (h < 0) goto fail;
        if (h == ERR_SURROGATEESCAPE || h == ERR_SURROGATEPASS) {
            /* only lone surrogates DC80..DCFF can be escaped back to bytes */
            intptr_t k = i;
            bool ok = true;
            for (intptr_t c = run_start; c < run_end; c++) {
                int l3;
                uint32_t c3 = utf8_decode(p + k, &l3);
                if (h == ERR_SURROGATEESCAPE && c3 >= 0xDC80 && c3 <= 0xDCFF) {
                    if (strbuf_append_char(&sb, (char)(c3 - 0xDC00)) < 0) goto fail;
                } else if (h == ERR_SURROGATEPASS && codec == CODEC_UTF8 && c3 >= 0xD800 &&
                           c3 < 0xE000) {
                    if (strbuf_append(&sb, (const char *)p + k, 3) < 0) goto fail;
                } else {
                    ok = false;
                    run_start = c;
                    break;
                }
                k += l3;
            }
            if (!ok) h = ERR_STRICT;
            else {
                i = j;
                pos = run_end;
                continue;
            }
        }
        if (h == ERR_STRICT) {
            const char *reason = codec == CODEC_UTF8 ? "surrogates not allowed"
                                 : codec == CODEC_ASCII ? "ordinal not in range(128)"
                                                        : "ordinal not in range(256)";
            raise_encode_error(codec_name(codec), s, run_start, run_end, reason);
            goto fail;
        }
        for (intptr_t k = i; k < j;) {
            int l3;
            uint32_t c3 = utf8_decode(p + k, &l3);
            int rc = 0;
            if (h == ERR_REPLACE) rc = strbuf_append_char(&sb, '?');
            else if (h == ERR_BACKSLASH) rc = append_backslash_cp(&sb, c3);
            else if (h == ERR_XMLCHARREF) rc = strbuf_printf(&sb, "&#%u;", c3);
            if (rc < 0) goto fail;
            k += l3;
        }
        i = j;
        pos = run_end;
    }
    return strbuf_finish_bytes(&sb);
fail:
    strbuf_free(&sb);
    return NULL;
}

/* Length of the valid UTF-8 sequence at p[0..n), or 0 with *reason and the
 * count of bytes belonging to the bad sequence (*bad) on error. */
static int utf8_check_one(const unsigned char *p, intptr_t n, const char **reason,
                          int *bad) {
    unsigned c = p[0];
    int need;
    unsigned lo = 0x80, hi = 0xBF;   /* allowed range of the second byte */
    if (c < 0x80) return 1;
    if (c < 0xC2) {
        *reason = "invalid start byte";
        *bad = 1;
        return 0;
    }
    if (c < 0xE0) need = 2;
    else if (c < 0xF0) {
        need = 3;
        if (c == 0xE0) lo = 0xA0;
        else if (c == 0xED) hi = 0x9F;   /* no surrogates */
    } else if (c < 0xF5) {
        need = 4;
        if (c == 0xF0) lo = 0x90;
        else if (c == 0xF4) hi = 0x8F;
    } else {
        *reason = "invalid start byte";
        *bad = 1;
        return 0;
    }
    for (int k = 1; k < need; k++) {
        if (k >= n) {
            *reason = "unexpected end of data";
            *bad = k;
            return 0;
        }
        unsigned b = p[k];
        unsigned blo = k == 1 ? lo : 0x80, bhi = k == 1 ? hi : 0xBF;
        if (b < blo || b > bhi) {
            *reason = "invalid continuation byte";
            *bad = k;
            return 0;
        }
    }
    return need;
}

Object *str_decode_utf8(const char *s, size_t n, const char *errors) {
    const unsigned char *p = (const unsigned char *)s;
    /* fast path: all valid */
    size_t i = 0;
    intptr_t length = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            length++;
            continue;
        }
        const char *reason;
        int bad;
        int len = utf8_check_one(p + i, (intptr_t)(n - i), &reason, &bad);
        if (!len) break;
        i += (size_t)len;
        length++;
    }
    if (i == n) return str_from_utf8_len(s, n, length);

    StrBuf sb;
    strbuf_init(&sb);
    if (strbuf_append(&sb, s, i) < 0) goto fail;
    while (i < n) {
        const char *reason = NULL;
        int bad = 0;
        int len = utf8_check_one(p + i, (intptr_t)(n - i), &reason, &bad);
        if (len) {
            if (strbuf_append(&sb, (const char *)p + i, (size_t)len) < 0) goto fail;
            i += (size_t)len;
            continue;
        }
        int h = error_handler(errors);
        if (h < 0) goto fail;
        switch (h) {
        case ERR_REPLACE:
            if (strbuf_append_codepoint(&sb, 0xFFFD) < 0) goto fail;
            break;
        case ERR_IGNORE:
            break;
        case ERR_BACKSLASH:
            for (int k = 0; k < bad; k++)
                if (strbuf_printf(&sb, "\\x%02x", p[i + (size_t)k]) < 0) goto fail;
            break;
        case ERR_SURROGATEESCAPE:
            for (int k = 0; k < bad; k++)
                if (strbuf_append_codepoint(&sb, 0xDC00u + p[i + (size_t)k]) < 0) goto fail;
            break;
        default: {
            Object *obj = bytes_from_buf(s, n);
            if (obj) {
                raise_unicode_error(&Exc_UnicodeDecodeError, "utf-8", obj, (intptr_t)i,
                                    (intptr_t)i + bad, reason);
                DECREF(obj);
            }
            goto fail;
        }
        }
        i += (size_t)bad;
    }
    return strbuf_finish(&sb);
fail:
    strbuf_free(&sb);
    return NULL;
}

Object *bytes_decode(const char *data, intptr_t n, const char *encoding,
                     const char *errors) {
    int codec = codec_lookup(encoding);
    if (codec < 0) return NULL;
    if (codec == CODEC_UTF8) return str_decode_utf8(data, (size_t)n, errors);
    const unsigned char *p = (const unsigned char *)data;
    StrBuf sb;
    strbuf_init(&sb);
    for (intptr_t i = 0; i < n; i++) {
        unsigned c = p[i];
        if (c < 0x80 || codec == CODEC_LATIN1) {
            if (strbuf_append_codepoint(&sb, c) < 0) goto fail;
            continue;
        }
        int h = error_handler(errors);
        if (h < 0) goto fail;
        int rc = 0;
        if (h == ERR_REPLACE) rc = strbuf_append_codepoint(&sb, 0xFFFD);
        else if (h == ERR_BACKSLASH) rc = strbuf_printf(&sb, "\\x%02x", c);
        else if (h == ERR_SURROGATEESCAPE) rc = strbuf_append_codepoint(&sb, 0xDC00u + c);
        else if (h != ERR_IGNORE) {
            Object *obj = bytes_from_buf(data, (size_t)n);
            if (obj) {
                raise_unicode_error(&Exc_UnicodeDecodeError, "ascii", obj, i, i + 1,
                                    "ordinal not in range(128)");
                DECREF(obj);
            }
            goto fail;
        }
        if (rc < 0) goto fail;
    }
    return strbuf_finish(&sb);
fail:
    strbuf_free(&sb);
    return NULL;
}
