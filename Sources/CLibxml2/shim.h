#ifndef SHUANGYONG_CLIBXML2_SHIM_H
#define SHUANGYONG_CLIBXML2_SHIM_H
/*
 * libxml2's pull parser (xmlTextReader; Debian: libxml2-dev for the header, libxml2 at run time), as used
 * by PlanImport to read the XML parts of .docx and .xlsx files (XMLTree.swift, its only importer).
 *
 * The library is not linked: it is loaded (dlopen) when the first XML part is parsed. Linked (it came
 * with FoundationXML's XMLParser), it and what it pulls in (the system ICU, liblzma) were mapped by every
 * command and cost about 1 MB of resident memory each time, for `import` alone (DECISIONS.md, start-up).
 * The header gives the types and the exact type of every function; XMLTree calls them through the table.
 * The reader's handles are opaque pointers: no structure of the library is laid out on our side.
 *
 * Editing only this header does not trigger a rebuild: touch a Swift file of PlanImport.
 */
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, and then its encoding header includes the system ICU's headers,
 * whose types clash in Swift with those of the ICU inside Foundation. Nothing here uses ICU or the one
 * structure whose layout depends on it (xmlCharEncodingHandler, only ever handled by pointer and not by
 * us), so the headers below are read as if libxml2 had been built without it. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

/* Every libxml2 function PlanImport calls (and the loader's own two). Add one here before calling it. */
#define SY_LIBXML2_FUNCTIONS(X) \
    X(xmlInitParser) X(xmlSetExternalEntityLoader) \
    X(xmlReaderForMemory) X(xmlFreeTextReader) X(xmlTextReaderSetStructuredErrorHandler) \
    X(xmlTextReaderRead) X(xmlTextReaderNodeType) X(xmlTextReaderConstName) X(xmlTextReaderConstValue) \
    X(xmlTextReaderIsEmptyElement) X(xmlTextReaderAttributeCount) X(xmlTextReaderMoveToAttributeNo) \
    X(xmlTextReaderReadAttributeValue)

/* The functions, each with the type the header gives it. */
typedef struct sy_libxml2 {
#define SY_LIBXML2_FIELD(name) __typeof__(&name) _Nonnull name;
    SY_LIBXML2_FUNCTIONS(SY_LIBXML2_FIELD)
#undef SY_LIBXML2_FIELD
} sy_libxml2;

/* The functions, the library loaded on the first call (thread-safe; later calls return the same table);
 * NULL when it cannot be loaded or lacks one of them: then sy_libxml2_error() says why. Loading also
 * initialises the parser and replaces libxml2's external entity loader, for the whole process, with one
 * that loads nothing: no DTD, entity or other file or URL is ever read on a document's behalf. */
const sy_libxml2 *_Nullable sy_libxml2_load(void);

/* Why sy_libxml2_load() returned NULL ("libxml2.so.2: cannot open shared object file…"). */
const char *_Nonnull sy_libxml2_error(void);

#endif
