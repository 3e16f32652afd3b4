#ifndef SHUANGYONG_CXLSXWRITER_SHIM_H
#define SHUANGYONG_CXLSXWRITER_SHIM_H
/*
 * libxlsxwriter (Debian: libxlsxwriter-dev for the header, libxlsxwriter4 at run time), as used by the
 * XlsxExport target, its only importer.
 *
 * The library is not linked: it is loaded (dlopen) when the first workbook is written. Loading it with
 * the program, with the libraries it needs (minizip, libcrypto), took a fifth of the start-up time of
 * every command, and only `--format xlsx` uses it (DECISIONS.md, start-up). The header gives the types
 * and the exact type of every function; XlsxExport calls them through the table below.
 *
 * Editing only this header does not trigger a rebuild: touch a Swift file of XlsxExport.
 */
#include <xlsxwriter.h>

/* Every libxlsxwriter function XlsxExport calls. Add one here before calling it. */
#define SY_XLSXWRITER_FUNCTIONS(X) \
    X(workbook_new_opt) X(workbook_add_worksheet) X(workbook_add_format) X(workbook_set_properties) \
    X(workbook_close) X(lxw_strerror) \
    X(worksheet_activate) X(worksheet_merge_range) X(worksheet_write_string) X(worksheet_write_number) \
    X(worksheet_write_blank) X(worksheet_write_datetime) X(worksheet_set_row) X(worksheet_set_column) \
    X(worksheet_autofilter) X(worksheet_freeze_panes) X(worksheet_set_landscape) X(worksheet_set_paper) \
    X(worksheet_fit_to_pages) X(worksheet_set_margins) X(worksheet_repeat_rows) X(worksheet_set_footer) \
    X(format_set_bold) X(format_set_font_size) X(format_set_align) X(format_set_text_wrap) \
    X(format_set_bg_color) X(format_set_pattern) X(format_set_border) X(format_set_num_format)

/* The functions, each with the type the header gives it. */
typedef struct sy_xlsxwriter {
#define SY_XLSXWRITER_FIELD(name) __typeof__(&name) _Nonnull name;
    SY_XLSXWRITER_FUNCTIONS(SY_XLSXWRITER_FIELD)
#undef SY_XLSXWRITER_FIELD
} sy_xlsxwriter;

/* The functions, the library loaded on the first call (thread-safe; later calls return the same table);
 * NULL when it cannot be loaded or lacks one of them: then sy_xlsxwriter_error() says why. */
const sy_xlsxwriter *_Nullable sy_xlsxwriter_load(void);

/* Why sy_xlsxwriter_load() returned NULL ("libxlsxwriter.so.4: cannot open shared object file…"). */
const char *_Nonnull sy_xlsxwriter_error(void);

#endif
