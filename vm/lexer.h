/* vm/lexer.h — the tokenizer: UTF-8 source text to tokens (used by parser*.c).
 *
 * The lexer works on a private copy of the source with newlines normalised to
 * '\n' and a final '\n' guaranteed, so every column it reports is a byte
 * offset into that copy (CPython's col_offset).  It produces one token per
 * call; INDENT/DEDENT and NEWLINE follow Python's layout rules (no NEWLINE
 * inside brackets or on blank/comment-only lines).
 *
 * Errors are not raised here: the lexer records them in `err` (message, kind,
 * position as CPython reports it) and returns TOK_ERROR, and the parser
 * decides when to raise (CPython lets a tokenizer error discovered after a
 * parser error win; see parser.c).
 */
#ifndef GILPY_LEXER_H
#define GILPY_LEXER_H

#include "vm/object.h"

typedef enum {
    TOK_ENDMARKER, TOK_NAME, TOK_NUMBER, TOK_STRING, TOK_NEWLINE, TOK_INDENT,
    TOK_DEDENT, TOK_ERROR,
    /* punctuation */
    TOK_LPAR, TOK_RPAR, TOK_LSQB, TOK_RSQB, TOK_LBRACE, TOK_RBRACE,
    TOK_COLON, TOK_COMMA, TOK_SEMI, TOK_DOT, TOK_EQUAL, TOK_ARROW, TOK_ELLIPSIS,
    TOK_COLONEQUAL,
    /* operators: binary ones in enum BinOp order, so op - TOK_PLUS is the BinOp */
    TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_DOUBLESLASH, TOK_PERCENT,
    TOK_DOUBLESTAR, TOK_LSHIFT, TOK_RSHIFT, TOK_AMPER, TOK_VBAR, TOK_CIRCUMFLEX,
    TOK_AT,
    /* augmented assignment, same order */
    TOK_PLUSEQUAL, TOK_MINEQUAL, TOK_STAREQUAL, TOK_SLASHEQUAL, TOK_DOUBLESLASHEQUAL,
    TOK_PERCENTEQUAL, TOK_DOUBLESTAREQUAL, TOK_LSHIFTEQUAL, TOK_RSHIFTEQUAL,
    TOK_AMPEREQUAL, TOK_VBAREQUAL, TOK_CIRCUMFLEXEQUAL, TOK_ATEQUAL,
    /* comparisons */
    TOK_LESS, TOK_GREATER, TOK_EQEQUAL, TOK_NOTEQUAL, TOK_LESSEQUAL, TOK_GREATEREQUAL,
    TOK_TILDE,
    TOK_OTHER_OP, /* '!', '$', '?', '`' and control characters: never valid */
    /* keywords (hard ones only; match/case/type/_ stay NAMEs) */
    KW_FALSE, KW_NONE, KW_TRUE, KW_AND, KW_AS, KW_ASSERT, KW_ASYNC, KW_AWAIT,
    KW_BREAK, KW_CLASS, KW_CONTINUE, KW_DEF, KW_DEL, KW_ELIF, KW_ELSE, KW_EXCEPT,
    KW_FINALLY, KW_FOR, KW_FROM, KW_GLOBAL, KW_IF, KW_IMPORT, KW_IN, KW_IS,
    KW_LAMBDA, KW_NONLOCAL, KW_NOT, KW_OR, KW_PASS, KW_RAISE, KW_RETURN, KW_TRY,
    KW_WHILE, KW_WITH, KW_YIELD,
    TOK__COUNT
} TokType;

#define TOK_IS_KEYWORD(t) ((t) >= KW_FALSE && (t) <= KW_YIELD)

typedef struct Token {
    TokType type;
    const char *start;   /* into the lexer's buffer */
    int len;
    int lineno, col, end_lineno, end_col;  /* 1-based lines, 0-based byte columns */
    int level;           /* bracket depth after this token */
} Token;

/* How a recorded error is raised (mirrors where CPython detects it). */
typedef enum {
    LEXERR_NONE,
    LEXERR_SYNTAX,  /* detected with a message at once: overrides a parser error */
    LEXERR_STATE,   /* bad dedent, tabs, EOF in brackets...: raised when reached */
} LexErrKind;

/* A syntax error waiting to be raised.  Offsets are 1-based like
 * SyntaxError.offset; chars == 0 means they still count bytes and are turned
 * into character counts (against the line text) when raised. */
typedef struct SyntaxErrInfo {
    TypeObject *type;        /* NULL: no error */
    char msg[256];
    int lineno, offset, end_lineno, end_offset;
    int chars;               /* offsets already count characters */
    int text_newline;        /* include the line's '\n' in .text */
    int eof_in_brackets;     /* LEXERR_STATE at EOF with open brackets */
    int fstring_text;        /* error inside an f-string field: .text is
                                "(" + the field's expression + ")" */
    const char *fstring_start;
    int fstring_len;
    const char *text_start;  /* non-NULL: .text starts at this earlier line */
} SyntaxErrInfo;

#define LEX_MAXINDENT 100
#define LEX_MAXLEVEL 200

typedef struct Lexer {
    const char *buf;        /* whole normalised source (NUL-terminated) */
    const char *end;        /* where this lexer stops (f-string parts: a slice) */
    const char *cur;
    const char *line_start;
    int lineno;
    int atbol;
    int pendin;             /* >0 INDENTs, <0 DEDENTs to emit */
    int indent;
    int indstack[LEX_MAXINDENT], altindstack[LEX_MAXINDENT];
    int level;
    char parenstack[LEX_MAXLEVEL];
    int parenlineno[LEX_MAXLEVEL], parencol[LEX_MAXLEVEL];
    int base_level;         /* f-string expression: brackets are implicitly open */
    int line_tokens;        /* tokens seen on this logical line */
    const char *chain_start; /* first line of the current run of lines joined
                                by backslashes or multi-line strings: CPython
                                shows all of them as an error's text */
    int chain_reset;        /* a new run starts with the next line */
    int done;               /* ENDMARKER returned */
    LexErrKind errkind;
    SyntaxErrInfo err;
} Lexer;

/* Normalise `source` (strip a UTF-8 BOM, \r\n and \r to \n, ensure a final
 * newline) into a new malloc'ed buffer; NULL + MemoryError. */
char *lexer_prepare_source(const char *source, size_t *len_out);
/* Lex the whole buffer `buf` (from lexer_prepare_source). */
void lexer_init(Lexer *lx, const char *buf);
/* Lex the slice [start, end) of buf as the inside of brackets (an f-string
 * replacement field), positions relative to the whole buffer. */
void lexer_init_slice(Lexer *lx, const char *buf, const char *start, const char *end,
                      int lineno, const char *line_start);
/* Next token into *t; returns its type.  TOK_ERROR: see lx->err. */
TokType lexer_next(Lexer *lx, Token *t);
/* The text of 1-based line `lineno` of buf: start pointer and length without
 * the '\n' (len 0 past the end). */
const char *lexer_line(const char *buf, int lineno, int *len);
/* Character (code point) count of the first `nbytes` bytes of s. */
int utf8_char_count(const char *s, int nbytes);
/* Decode one UTF-8 code point at s (valid input); stores its length. */
uint32_t utf8_decode(const char *s, int *len);

#endif
