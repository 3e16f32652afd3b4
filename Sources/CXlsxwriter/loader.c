/* Loads libxlsxwriter when the first workbook is written (see shim.h). */
#include "shim.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#ifdef __APPLE__
#define SY_XLSXWRITER_LIBRARY "libxlsxwriter.dylib"
#else
/* The library of the ABI the header describes, as the dynamic linker would have chosen it. */
#define SY_XLSXWRITER_LIBRARY "libxlsxwriter.so." LXW_SOVERSION
#endif

static sy_xlsxwriter table;
static const sy_xlsxwriter *loaded;
static char problem[512] = "libxlsxwriter was not loaded";
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *library = dlopen(SY_XLSXWRITER_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *why = dlerror();
        snprintf(problem, sizeof problem, "%s", why ? why : SY_XLSXWRITER_LIBRARY ": cannot be loaded");
        return;
    }
    /* POSIX guarantees a function's address survives the trip through void *. */
#define SY_XLSXWRITER_LOOKUP(name) { \
        void *address = dlsym(library, #name); \
        if (!address) { \
            snprintf(problem, sizeof problem, "%s has no function %s", SY_XLSXWRITER_LIBRARY, #name); \
            return; \
        } \
        memcpy(&table.name, &address, sizeof address); \
    }
    SY_XLSXWRITER_FUNCTIONS(SY_XLSXWRITER_LOOKUP)
#undef SY_XLSXWRITER_LOOKUP
    loaded = &table;
}

const sy_xlsxwriter *sy_xlsxwriter_load(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *sy_xlsxwriter_error(void) {
    return problem;
}
