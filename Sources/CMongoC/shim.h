#include <mongoc/mongoc.h>
#include <bson/bson.h>
#include <stdlib.h>
#include <string.h>

// libbson is built with BSON_EXTRA_ALIGN here, so bson_t and bson_iter_t are 128-byte aligned and Swift
// imports them as opaque pointers. These helpers give Swift what it cannot spell itself.

static inline uint32_t cmongoc_bson_len(const bson_t *b) { return b->len; }

static inline bson_iter_t *cmongoc_iter_alloc(void) {
    size_t size = (sizeof(bson_iter_t) + 127) & ~(size_t)127;
    void *p = aligned_alloc(128, size);
    if (p) memset(p, 0, size);
    return (bson_iter_t *)p;
}

static inline void cmongoc_iter_free(bson_iter_t *it) { free(it); }

// Storage for libmongoc "reply" out-parameters. libmongoc bson_init()s those itself, as C callers pass a
// stack bson_t; a heap bson_new() would leak. This is the aligned equivalent of that stack bson_t, already
// initialised so that freeing it is safe even if libmongoc never touched it.
static inline bson_t *cmongoc_bson_alloc(void) {
    size_t size = (sizeof(bson_t) + 127) & ~(size_t)127;
    bson_t *b = (bson_t *)aligned_alloc(128, size);
    if (b) bson_init(b);
    return b;
}

// Frees the document's buffer (bson_destroy leaves a non-heap bson_t itself alone), then the storage.
static inline void cmongoc_bson_free(bson_t *b) {
    if (!b) return;
    bson_destroy(b);
    free(b);
}
