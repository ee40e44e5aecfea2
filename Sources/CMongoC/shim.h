#include <mongoc/mongoc.h>
#include <bson/bson.h>
#include <stdlib.h>
#include <string.h>

// libbson is built with BSON_EXTRA_ALIGN here, so bson_t and bson_iter_t are 128-byte aligned and Swift
// imports them as opaque pointers. These helpers give Swift what it cannot spell itself.

static inline uint32_t cmongoc_bson_len(const bson_t *b) { return b->len; }

// aligned_alloc wants the size to be a multiple of the alignment.
static inline void *cmongoc_alloc_aligned_zeroed(size_t size) {
    size_t rounded = (size + 127) & ~(size_t)127;
    void *p = aligned_alloc(128, rounded);
    if (p) memset(p, 0, rounded);
    return p;
}

static inline size_t cmongoc_bson_size(void) { return sizeof(bson_t); }

static inline bson_iter_t *cmongoc_iter_alloc(void) {
    return (bson_iter_t *)cmongoc_alloc_aligned_zeroed(sizeof(bson_iter_t));
}

static inline void cmongoc_iter_free(bson_iter_t *it) { free(it); }

// Where the current element starts (its type byte) and where the next one starts, relative to the start of
// the document being iterated; together they bound the element's raw bytes.
static inline uint32_t cmongoc_iter_offset(const bson_iter_t *it) { return it->off; }
static inline uint32_t cmongoc_iter_next_offset(const bson_iter_t *it) { return it->next_off; }

// After bson_iter_next returns false: 0 if it reached the document's terminator, else the offset of the
// corrupt element. (Provided the document's own length prefix and final NUL were checked first.)
static inline uint32_t cmongoc_iter_error_offset(const bson_iter_t *it) { return it->err_off; }

// Mirrors BSON_FLAG_STATIC from libbson's private bson-private.h: set by bson_init, bson_init_static and
// bson_copy_to, it tells bson_destroy that the struct itself is not its to free.
#define CMONGOC_BSON_FLAG_STATIC (1u << 1)

// Storage for a bson_t that libmongoc fills as an out-parameter (a command reply, an error document).
// It is already bson_init()ed, so it is a valid empty document even if libmongoc returns early without
// touching it, and initialising it again leaks nothing. Release with cmongoc_bson_free, or hand it to
// Document(stealing:), which does.
static inline bson_t *cmongoc_bson_alloc(void) {
    bson_t *b = (bson_t *)cmongoc_alloc_aligned_zeroed(sizeof(bson_t));
    if (b) bson_init(b);
    return b;
}

// Destroys a bson_t the caller owns, whichever way it was made: bson_new/bson_copy/bson_new_from_* (heap
// structs bson_destroy frees itself) or cmongoc_bson_alloc (static structs it leaves to us).
static inline void cmongoc_bson_free(bson_t *b) {
    if (!b) return;
    int owns_struct_separately = (b->flags & CMONGOC_BSON_FLAG_STATIC) != 0;
    bson_destroy(b);
    if (owns_struct_separately) free(b);
}
