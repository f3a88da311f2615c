/* stdlib/random.c — the _random module: the Mersenne Twister core that
 * random.py builds on.
 *
 * The generator is MT19937 seeded exactly as CPython seeds it (the seed's
 * absolute value split into 32-bit words, least significant first, fed to
 * the reference init_by_array), so random.py produces CPython's sequences
 * for the same seed.  _random._sha512 exists only so random.seed(str) can
 * derive CPython's integer seed (FIPS 180-4 SHA-512, implemented here since
 * gilpy has no hashlib).
 */
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vm/vm.h"
#include "vm/objects/numeric.h"
#include "stdlib/numbers.h"

#define MT_N 624
#define MT_M 397

typedef struct RandomObject {
    Object ob_base;
    int index;
    uint32_t state[MT_N];
} RandomObject;

extern TypeObject Random_Type;

/* ---- MT19937 (Matsumoto & Nishimura's reference algorithm) ------------------------ */

static void mt_init(RandomObject *r, uint32_t s) {
    uint32_t *mt = r->state;
    mt[0] = s;
    for (int i = 1; i < MT_N; i++)
        mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    r->index = MT_N;
}

static void mt_init_by_array(RandomObject *r, const uint32_t *key, size_t len) {
    uint32_t *mt = r->state;
    mt_init(r, 19650218u);
    size_t i = 1, j = 0;
    for (size_t k = MT_N > len ? MT_N : len; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
        if (j >= len) j = 0;
    }
    for (size_t k = MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        i++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000u; /* guarantees a non-zero state */
}

static uint32_t mt_next(RandomObject *r) {
    uint32_t *mt = r->state;
    if (r->index >= MT_N) { /* regenerate the whole block */
        int k;
        uint32_t y;
        for (k = 0; k < MT_N; k++) {
            y = (mt[k] & 0x80000000u) | (mt[(k + 1) % MT_N] & 0x7fffffffu);
            mt[k] = mt[(k + MT_M) % MT_N] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
        }
        r->index = 0;
    }
    uint32_t y = mt[r->index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

/* ---- seeding ------------------------------------------------------------------------ */

static void seed_from_os(RandomObject *r) {
    uint32_t key[MT_N];
    size_t got = 0;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        while (got < sizeof key) {
            ssize_t n = read(fd, (char *)key + got, sizeof key - got);
            if (n <= 0) break;
            got += (size_t)n;
        }
        close(fd);
    }
    if (got < sizeof key) { /* no urandom: time and address, better than nothing */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        key[0] = (uint32_t)ts.tv_sec;
        key[1] = (uint32_t)ts.tv_nsec;
        key[2] = (uint32_t)getpid();
        key[3] = (uint32_t)(uintptr_t)r;
        mt_init_by_array(r, key, 4);
        return;
    }
    mt_init_by_array(r, key, MT_N);
}

static int random_seed_obj(RandomObject *r, Object *arg) {
    if (!arg || arg == None) {
        seed_from_os(r);
        return 0;
    }
    Object *n;
    if (int_check(arg)) {
        n = obj_abs(arg);
    } else { /* CPython seeds other hashable objects by their hash */
        int64_t h = obj_hash(arg);
        if (h == -1) return -1;
        n = int_from_long(h < 0 ? -h : h);
    }
    if (!n) return -1;
    IntView v;
    mpz_srcptr z = int_view(n, &v);
    size_t words = mpz_sgn(z) ? (mpz_sizeinbase(z, 2) + 31) / 32 : 1;
    uint32_t *key = mem_alloc(words * sizeof(uint32_t));
    if (!key) {
        DECREF(n);
        return -1;
    }
    memset(key, 0, words * sizeof(uint32_t));
    size_t count = 0;
    mpz_export(key, &count, -1, sizeof(uint32_t), 0, 0, z); /* least significant word first */
    mt_init_by_array(r, key, words);
    mem_free(key);
    DECREF(n);
    return 0;
}

/* ---- methods ------------------------------------------------------------------------- */

static Object *random_seed(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("seed", nargs, 0, 1) < 0) return NULL;
    if (random_seed_obj((RandomObject *)self, nargs ? args[0] : NULL) < 0) return NULL;
    return none_new();
}

static Object *random_random(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("random", nargs, 0, 0) < 0) return NULL;
    RandomObject *r = (RandomObject *)self;
    uint32_t a = mt_next(r) >> 5, b = mt_next(r) >> 6; /* 27 + 26 = 53 bits */
    return float_from_double((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

static Object *random_getrandbits(Object *self, Object *const *args, size_t nargs, Object *kw) {
    intptr_t k;
    if (args_parse(args, nargs, NULL, "n:getrandbits", NULL, &k) < 0) return NULL;
    if (k < 0) return err_format(&Exc_ValueError, "number of bits must be non-negative");
    RandomObject *r = (RandomObject *)self;
    if (k == 0) return MAKE_SMALLINT(0);
    if (k <= 32) return int_from_ulong(mt_next(r) >> (32 - k));
    size_t words = ((size_t)k - 1) / 32 + 1;
    uint32_t *w = mem_alloc(words * sizeof(uint32_t));
    if (!w) return NULL;
    for (size_t i = 0; i < words; i++, k -= 32) { /* least significant word first */
        uint32_t x = mt_next(r);
        if (k < 32) x >>= 32 - k;
        w[i] = x;
    }
    mpz_t z;
    mpz_init(z);
    mpz_import(z, words, -1, sizeof(uint32_t), 0, 0, w);
    mem_free(w);
    return int_from_mpz_move(z);
}

static Object *random_getstate(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("getstate", nargs, 0, 0) < 0) return NULL;
    RandomObject *r = (RandomObject *)self;
    Object *t = tuple_new(MT_N + 1);
    if (!t) return NULL;
    for (int i = 0; i < MT_N; i++) TUPLE_ITEMS(t)[i] = int_from_ulong(r->state[i]);
    TUPLE_ITEMS(t)[MT_N] = int_from_long(r->index);
    return t;
}

static Object *random_setstate(Object *self, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("setstate", nargs, 1, 1) < 0) return NULL;
    Object *state = args[0];
    if (!tuple_check(state)) return err_format(&Exc_TypeError, "state vector must be a tuple");
    if (TUPLE_SIZE(state) != MT_N + 1)
        return err_format(&Exc_ValueError, "state vector is the wrong size");
    RandomObject *r = (RandomObject *)self;
    uint32_t newstate[MT_N];
    for (int i = 0; i < MT_N; i++) {
        long long v = int_as_long(TUPLE_GET(state, i));
        if (v == -1 && err_occurred()) return NULL;
        if (v < 0 || v > 0xffffffffLL)
            return err_format(&Exc_OverflowError, "Python int too large to convert to C unsigned long");
        newstate[i] = (uint32_t)v;
    }
    long long index = int_as_long(TUPLE_GET(state, MT_N));
    if (index == -1 && err_occurred()) return NULL;
    if (index < 0 || index > MT_N) return err_format(&Exc_ValueError, "invalid state");
    memcpy(r->state, newstate, sizeof newstate);
    r->index = (int)index;
    return none_new();
}

static Object *random_new(TypeObject *type, Object *const *args, size_t nargs, Object *kwnames) {
    if (type == &Random_Type && args_no_kwargs("Random", kwnames) < 0) return NULL;
    if (type == &Random_Type && args_count("Random", nargs, 0, 1) < 0) return NULL;
    RandomObject *r = (RandomObject *)obj_alloc(type);
    if (!r) return NULL;
    if (type->flags & TPFLAG_GC) gc_track((Object *)r);
    /* seeded here; a Python subclass's __init__ usually seeds again */
    if (random_seed_obj(r, nargs ? args[0] : NULL) < 0) {
        DECREF((Object *)r);
        return NULL;
    }
    return (Object *)r;
}

static MethodDef random_methods[] = {
    {"random", random_random, 0, "random() -> x in the interval [0, 1)."},
    {"seed", random_seed, 0, "seed([n]) -> None.\n\nDefaults to use urandom and falls back to "
                             "a combination\nof the current time and the process identifier."},
    {"getstate", random_getstate, 0, "getstate() -> tuple containing the current state."},
    {"setstate", random_setstate, 0, "setstate(state) -> None.  Restores generator state."},
    {"getrandbits", random_getrandbits, 0, "getrandbits(k) -> x.  Generates an int with k random bits."},
    {NULL, NULL, 0, NULL},
};

TypeObject Random_Type = {
    .ob_base = STATIC_OBJECT_HEAD(&Type_Type),
    .name = "_random.Random",
    .basicsize = sizeof(RandomObject),
    .flags = TPFLAG_BASETYPE,
    .doc = "Random() -> create a random number generator with its own internal state.",
    .tp_new = random_new,
    .methods = random_methods,
    .base = &Object_Type,
};

/* ---- SHA-512 (FIPS 180-4) --------------------------------------------------------------- */

static const uint64_t sha512_k[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static uint64_t rotr64(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

static void sha512_block(uint64_t h[8], const unsigned char *p) {
    uint64_t w[80];
    for (int i = 0; i < 16; i++) {
        w[i] = 0;
        for (int j = 0; j < 8; j++) w[i] = (w[i] << 8) | p[i * 8 + j];
    }
    for (int i = 16; i < 80; i++) {
        uint64_t s0 = rotr64(w[i - 15], 1) ^ rotr64(w[i - 15], 8) ^ (w[i - 15] >> 7);
        uint64_t s1 = rotr64(w[i - 2], 19) ^ rotr64(w[i - 2], 61) ^ (w[i - 2] >> 6);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 80; i++) {
        uint64_t t1 = hh + (rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41)) + ((e & f) ^ (~e & g)) +
                      sha512_k[i] + w[i];
        uint64_t t2 = (rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha512(const unsigned char *data, size_t len, unsigned char out[64]) {
    uint64_t h[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
                     0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
                     0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
    size_t full = len / 128 * 128;
    for (size_t i = 0; i < full; i += 128) sha512_block(h, data + i);
    unsigned char tail[256] = {0};
    size_t rest = len - full;
    memcpy(tail, data + full, rest);
    tail[rest] = 0x80;
    size_t tlen = rest + 1 + 16 <= 128 ? 128 : 256;
    uint64_t bits = (uint64_t)len * 8; /* the 128-bit length; inputs stay below 2**61 bytes */
    for (int i = 0; i < 8; i++) tail[tlen - 1 - i] = (unsigned char)(bits >> (8 * i));
    for (size_t i = 0; i < tlen; i += 128) sha512_block(h, tail + i);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) out[i * 8 + j] = (unsigned char)(h[i] >> (56 - 8 * j));
}

static Object *mod_sha512(Object *m, Object *const *args, size_t nargs, Object *kw) {
    if (args_count("_sha512", nargs, 1, 1) < 0) return NULL;
    const char *data;
    intptr_t size;
    if (bytes_like_buffer(args[0], &data, &size) < 0) return NULL;
    unsigned char digest[64];
    sha512((const unsigned char *)data, (size_t)size, digest);
    return bytes_from_buf((const char *)digest, sizeof digest);
}

static MethodDef random_functions[] = {
    {"_sha512", mod_sha512, 0, "_sha512(data) -> the 64-byte SHA-512 digest of data."},
    {NULL, NULL, 0, NULL},
};

Object *mod_random_init(void) {
    Object *m = module_new("_random");
    if (!m) return NULL;
    if (module_add_functions(m, random_functions) < 0 || module_add_type(m, &Random_Type) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
