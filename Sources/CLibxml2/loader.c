/* Loads libxml2 when the first XML part is parsed (see shim.h). */
#include "shim.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#ifdef __APPLE__
#define SY_LIBXML2_LIBRARY "libxml2.2.dylib"
#elif LIBXML_VERSION >= 21400
/* 2.14 broke the ABI and renamed the library (NEWS: "the soname was bumped from libxml2.so.2 to libxml2.so.16"). */
#define SY_LIBXML2_LIBRARY "libxml2.so.16"
#else
/* The library of the ABI the header describes, as the dynamic linker would have chosen it. */
#define SY_LIBXML2_LIBRARY "libxml2.so.2"
#endif

static sy_libxml2 table;
static const sy_libxml2 *loaded;
static char problem[512] = "libxml2 was not loaded";
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Loads nothing: a document that names a DTD or an external entity gets none (libxml2 then goes on
 * without it, or reports an error, which makes the part malformed for XMLNode.parse). */
static xmlParserInputPtr load_nothing(const char *url, const char *id, xmlParserCtxtPtr context) {
    (void)url; (void)id; (void)context;
    return NULL;
}

static void load(void) {
    void *library = dlopen(SY_LIBXML2_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *why = dlerror();
        snprintf(problem, sizeof problem, "%s", why ? why : SY_LIBXML2_LIBRARY ": cannot be loaded");
        return;
    }
    /* POSIX guarantees a function's address survives the trip through void *. */
#define SY_LIBXML2_LOOKUP(name) { \
        void *address = dlsym(library, #name); \
        if (!address) { \
            snprintf(problem, sizeof problem, "%s has no function %s", SY_LIBXML2_LIBRARY, #name); \
            return; \
        } \
        memcpy(&table.name, &address, sizeof address); \
    }
    SY_LIBXML2_FUNCTIONS(SY_LIBXML2_LOOKUP)
#undef SY_LIBXML2_LOOKUP
    table.xmlInitParser();
    table.xmlSetExternalEntityLoader(load_nothing);
    loaded = &table;
}

const sy_libxml2 *sy_libxml2_load(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *sy_libxml2_error(void) {
    return problem;
}
