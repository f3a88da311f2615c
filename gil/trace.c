/* gil/trace.c — turning recorded GIL events into pictures.
 *
 * The GIL records raw events (gil/stats.h).  Here they become per-thread
 * spans — holding, waiting, blocked in a call — written either as a Chrome
 * trace-event JSON file (opens in the Perfetto UI and chrome://tracing) or
 * as a self-contained SVG timeline for slides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gil/gil.h"
#include "gil/stats.h"
#include "gil/trace.h"

enum { SPAN_HOLD, SPAN_WAIT, SPAN_BLOCKED };

typedef struct Span {
    int row;
    int kind;
    uint64_t start, end;
    const char *detail;
} Span;

typedef struct Row {
    unsigned long ident;
    char name[64];
    uint64_t open_at;       /* start of the current span */
    int open_kind;          /* -1: none */
    const char *open_detail;
    uint64_t hold_ns;
} Row;

typedef struct Timeline {
    Row *rows;
    int nrows;
    Span *spans;
    size_t nspans, capspans;
    uint64_t *requests;     /* drop request times */
    int *request_rows;
    size_t nrequests;
    uint64_t t0, t1;
} Timeline;

static void name_visit(const GilThreadStats *st, void *arg) {
    Timeline *tl = arg;
    for (int i = 0; i < tl->nrows; i++)
        if (tl->rows[i].ident == st->ident && st->name[0])
            snprintf(tl->rows[i].name, sizeof tl->rows[i].name, "%s", st->name);
}

static int row_of(Timeline *tl, unsigned long ident) {
    for (int i = 0; i < tl->nrows; i++)
        if (tl->rows[i].ident == ident) return i;
    Row *r = realloc(tl->rows, (size_t)(tl->nrows + 1) * sizeof *r);
    if (!r) return -1;
    tl->rows = r;
    Row *row = &tl->rows[tl->nrows];
    memset(row, 0, sizeof *row);
    row->ident = ident;
    row->open_kind = -1;
    snprintf(row->name, sizeof row->name, "thread %d", tl->nrows + 1);
    return tl->nrows++;
}

static void close_span(Timeline *tl, int row, uint64_t t) {
    Row *r = &tl->rows[row];
    if (r->open_kind < 0) return;
    if (tl->nspans == tl->capspans) {
        size_t cap = tl->capspans ? tl->capspans * 2 : 1024;
        Span *s = realloc(tl->spans, cap * sizeof *s);
        if (!s) return;
        tl->spans = s;
        tl->capspans = cap;
    }
    tl->spans[tl->nspans++] = (Span){row, r->open_kind, r->open_at, t, r->open_detail};
    if (r->open_kind == SPAN_HOLD) r->hold_ns += t - r->open_at;
    r->open_kind = -1;
}

static void open_span(Timeline *tl, int row, int kind, uint64_t t, const char *detail) {
    close_span(tl, row, t);
    Row *r = &tl->rows[row];
    r->open_kind = kind;
    r->open_at = t;
    r->open_detail = detail;
}

static int build(Timeline *tl, const GilEvent *ev, size_t n) {
    memset(tl, 0, sizeof *tl);
    if (n == 0) return 0;
    tl->t0 = ev[0].t_ns;
    tl->t1 = ev[n - 1].t_ns;
    tl->requests = malloc(n * sizeof *tl->requests);
    tl->request_rows = malloc(n * sizeof *tl->request_rows);
    if (!tl->requests || !tl->request_rows) return -1;
    for (size_t i = 0; i < n; i++) {
        int row = row_of(tl, ev[i].ident);
        if (row < 0) return -1;
        uint64_t t = ev[i].t_ns;
        if (t < tl->t0) tl->t0 = t;
        if (t > tl->t1) tl->t1 = t;
        switch (ev[i].kind) {
        case GEV_WAIT: open_span(tl, row, SPAN_WAIT, t, NULL); break;
        case GEV_ACQUIRE: open_span(tl, row, SPAN_HOLD, t, NULL); break;
        case GEV_DROP_FORCED: close_span(tl, row, t); break;
        case GEV_DROP_BLOCK: open_span(tl, row, SPAN_BLOCKED, t, ev[i].detail); break;
        case GEV_DROP_EXIT: close_span(tl, row, t); break;
        case GEV_REQUEST:
            tl->requests[tl->nrequests] = t;
            tl->request_rows[tl->nrequests++] = row;
            break;
        }
    }
    for (int r = 0; r < tl->nrows; r++) close_span(tl, r, tl->t1);
    gil_stats_snapshot(name_visit, tl);
    return 0;
}

static void destroy(Timeline *tl) {
    free(tl->rows);
    free(tl->spans);
    free(tl->requests);
    free(tl->request_rows);
}

static const char *span_name(const Span *s) {
    if (s->kind == SPAN_HOLD) return "holds GIL";
    if (s->kind == SPAN_WAIT) return "waits for GIL";
    return s->detail ? s->detail : "blocked";
}

static void json_string(FILE *f, const char *s) {
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        if ((unsigned char)*s < 32) continue;
        fputc(*s, f);
    }
    fputc('"', f);
}

static int write_json(FILE *f, Timeline *tl) {
    fprintf(f, "{\"displayTimeUnit\": \"ms\", \"traceEvents\": [\n");
    fprintf(f, "{\"name\": \"process_name\", \"ph\": \"M\", \"pid\": 1, \"args\": {\"name\": \"gilpy\"}}");
    for (int r = 0; r < tl->nrows; r++) {
        fprintf(f, ",\n{\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": %d, \"args\": {\"name\": ", r + 1);
        json_string(f, tl->rows[r].name);
        fprintf(f, "}}");
    }
    for (size_t i = 0; i < tl->nspans; i++) {
        const Span *s = &tl->spans[i];
        fprintf(f, ",\n{\"name\": ");
        json_string(f, s->kind == SPAN_BLOCKED ? (s->detail ? s->detail : "blocked") : span_name(s));
        fprintf(f, ", \"cat\": \"%s\", \"ph\": \"X\", \"pid\": 1, \"tid\": %d, \"ts\": %.3f, \"dur\": %.3f}",
                s->kind == SPAN_HOLD ? "hold" : s->kind == SPAN_WAIT ? "wait" : "blocked",
                s->row + 1, (s->start - tl->t0) / 1e3, (s->end - s->start) / 1e3);
    }
    for (size_t i = 0; i < tl->nrequests; i++)
        fprintf(f, ",\n{\"name\": \"drop request\", \"cat\": \"request\", \"ph\": \"i\", \"s\": \"t\", \"pid\": 1, \"tid\": %d, \"ts\": %.3f}",
                tl->request_rows[i] + 1, (tl->requests[i] - tl->t0) / 1e3);
    fprintf(f, "\n]}\n");
    return 0;
}

static const char *const span_colour[] = {"#2e7d32", "#ef6c00", "#1565c0"};

static void svg_text(FILE *f, const char *s) {
    for (; *s; s++) {
        if (*s == '<') fputs("&lt;", f);
        else if (*s == '>') fputs("&gt;", f);
        else if (*s == '&') fputs("&amp;", f);
        else fputc(*s, f);
    }
}

/* An SVG with one rectangle per span grows to tens of megabytes for a busy
 * second (thousands of switches).  So the picture is drawn by columns: each
 * row is cut into BINS_PER_PX bins per pixel, each bin shows the state that
 * covered most of it (if any covered at least a quarter), and runs of equal
 * bins become one rectangle.  The JSON trace keeps every span. */
enum { BINS_PER_PX = 2 };

static int draw_rows(FILE *f, Timeline *tl, int left, int width, int row_h, int top) {
    int nbins = width * BINS_PER_PX;
    double span_ns = tl->t1 > tl->t0 ? (double)(tl->t1 - tl->t0) : 1.0;
    double bin_ns = span_ns / nbins;
    double *cover = malloc((size_t)nbins * 3 * sizeof *cover);
    signed char *state = malloc((size_t)nbins);
    unsigned char *req = malloc((size_t)nbins);
    if (!cover || !state || !req) {
        free(cover);
        free(state);
        free(req);
        return -1;
    }
    for (int r = 0; r < tl->nrows; r++) {
        memset(cover, 0, (size_t)nbins * 3 * sizeof *cover);
        memset(req, 0, (size_t)nbins);
        for (size_t i = 0; i < tl->nspans; i++) {
            const Span *sp = &tl->spans[i];
            if (sp->row != r) continue;
            double s0 = (double)(sp->start - tl->t0), s1 = (double)(sp->end - tl->t0);
            int b0 = (int)(s0 / bin_ns), b1 = (int)(s1 / bin_ns);
            if (b1 >= nbins) b1 = nbins - 1;
            for (int b = b0; b <= b1; b++) {
                double lo = b * bin_ns, hi = lo + bin_ns;
                double part = (s1 < hi ? s1 : hi) - (s0 > lo ? s0 : lo);
                if (part > 0) cover[b * 3 + sp->kind] += part;
            }
        }
        for (size_t i = 0; i < tl->nrequests; i++) {
            if (tl->request_rows[i] != r) continue;
            int b = (int)((tl->requests[i] - tl->t0) / bin_ns);
            req[b < nbins ? b : nbins - 1] = 1;
        }
        for (int b = 0; b < nbins; b++) {
            int best = -1;
            double most = bin_ns / 4;
            for (int k = 0; k < 3; k++)
                if (cover[b * 3 + k] >= most) {
                    most = cover[b * 3 + k];
                    best = k;
                }
            state[b] = (signed char)best;
        }
        int y = top + r * row_h;
        for (int b = 0; b < nbins;) {
            int e = b + 1;
            while (e < nbins && state[e] == state[b]) e++;
            if (state[b] >= 0) {
                double x = left + (double)b / BINS_PER_PX, w = (double)(e - b) / BINS_PER_PX;
                fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                           "<title>%s %.3f-%.3f ms</title></rect>\n",
                        x, y + 5, w, row_h - 10, span_colour[state[b]],
                        state[b] == SPAN_HOLD ? "holds GIL" : state[b] == SPAN_WAIT ? "waits for GIL" : "blocked",
                        b * bin_ns / 1e6, e * bin_ns / 1e6);
            }
            b = e;
        }
        for (int b = 0; b < nbins; b++) {
            if (!req[b]) continue;
            double x = left + (double)b / BINS_PER_PX;
            fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" stroke-width=\"0.5\"/>\n",
                    x, y + 1, x, y + 7);
        }
    }
    free(cover);
    free(state);
    free(req);
    return 0;
}

static int write_svg(FILE *f, Timeline *tl, const char *title) {
    const int left = 150, width = 1000, row_h = 26, top = 60;
    int height = top + tl->nrows * row_h + 110;
    double span_ns = tl->t1 > tl->t0 ? (double)(tl->t1 - tl->t0) : 1.0;
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "font-family=\"sans-serif\" font-size=\"12\">\n", left + width + 30, height);
    fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    fprintf(f, "<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">");
    svg_text(f, title);
    fprintf(f, "</text>\n");
    fprintf(f, "<text x=\"10\" y=\"42\" fill=\"#444\">policy %s, switch interval %.2f ms, "
               "%.1f ms traced, %zu drop requests</text>\n",
            gil_policy_name(gil_get_policy()), gil_get_switch_interval() * 1e3, span_ns / 1e6,
            tl->nrequests);
    for (int r = 0; r < tl->nrows; r++) {
        int y = top + r * row_h;
        fprintf(f, "<text x=\"10\" y=\"%d\">", y + 17);
        svg_text(f, tl->rows[r].name);
        fprintf(f, "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f4f4f4\"/>\n",
                left, y + 3, width, row_h - 6);
    }
    if (draw_rows(f, tl, left, width, row_h, top) < 0) return -1;
    /* time axis */
    int axis_y = top + tl->nrows * row_h + 10;
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", left, axis_y,
            left + width, axis_y);
    for (int k = 0; k <= 10; k++) {
        double x = left + width * k / 10.0;
        fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>"
                   "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f ms</text>\n",
                x, axis_y, x, axis_y + 5, x, axis_y + 18, span_ns / 1e6 * k / 10.0);
    }
    /* legend and summary */
    int ly = axis_y + 40;
    const char *labels[] = {"holds the GIL", "waits for the GIL", "blocked (sleep, I/O, lock)"};
    for (int k = 0; k < 3; k++) {
        int x = left + k * 230;
        fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>"
                   "<text x=\"%d\" y=\"%d\">%s</text>\n",
                x, ly - 11, span_colour[k], x + 20, ly, labels[k]);
    }
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>"
               "<text x=\"%d\" y=\"%d\">drop request</text>\n",
            left + 700, ly - 11, left + 700, ly + 2, left + 708, ly);
    fprintf(f, "<text x=\"10\" y=\"%d\" fill=\"#444\">share of time holding the GIL:", ly + 26);
    for (int r = 0; r < tl->nrows; r++) {
        fprintf(f, " ");
        svg_text(f, tl->rows[r].name);
        fprintf(f, " %.1f%%%s", 100.0 * tl->rows[r].hold_ns / span_ns, r + 1 < tl->nrows ? "," : "");
    }
    fprintf(f, "</text>\n</svg>\n");
    return 0;
}

int gil_trace_write(const char *path, const GilEvent *events, size_t n, const char *title) {
    Timeline tl;
    if (build(&tl, events, n) < 0) {
        destroy(&tl);
        return -1;
    }
    FILE *f = fopen(path, "w");
    if (!f) {
        destroy(&tl);
        return -1;
    }
    size_t len = strlen(path);
    int r = (len > 4 && strcmp(path + len - 4, ".svg") == 0) ? write_svg(f, &tl, title)
                                                              : write_json(f, &tl);
    if (fclose(f) != 0) r = -1;
    destroy(&tl);
    return r;
}
