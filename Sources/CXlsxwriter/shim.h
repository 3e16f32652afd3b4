#ifndef SHUANGYONG_CXLSXWRITER_SHIM_H
#define SHUANGYONG_CXLSXWRITER_SHIM_H
/*
 * libxlsxwriter (Debian: libxlsxwriter-dev), as used by the XlsxExport target, its only importer.
 * A system library: nothing is compiled here, the header is included and the library linked.
 */
#include <xlsxwriter.h>
#endif
