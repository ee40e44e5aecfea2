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
