#ifndef SHUANGYONG_CNCURSESW_SHIM_H
#define SHUANGYONG_CNCURSESW_SHIM_H
/*
 * Wide-character ncurses for Swift 6, as used by the NcursesBackend target (its only importer).
 *
 * What is here and why:
 *  - The wide API (cchar_t, get_wch, setcchar, mvadd_wch) must be switched on before the include.
 *  - Global C variables (stdscr, COLORS, LINES, stdin…) are concurrency errors in Swift 6: read them
 *    through the shy_* accessor functions instead.
 *  - Attribute and mouse masks are macros Swift cannot import: they are static consts below.
 *  - Signal handlers are written in C (signals.c, compiled once per process) so that no Swift
 *    runtime code runs in a signal context and every module sees the same flags.
 *
 * Editing only this header does not trigger a rebuild: touch a Swift file of NcursesBackend.
 * This is a C target (not a system library) only because of signals.c; it links ncursesw.
 */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

/* glibc declares wcwidth only under _XOPEN_SOURCE; NCURSES_WIDECHAR alone does not define it. */
extern int wcwidth(wchar_t c);

/* ---- Globals Swift 6 cannot touch ------------------------------------------------------------- */

static inline WINDOW *shy_stdscr(void) { return stdscr; }
static inline int shy_colors(void) { return COLORS; }
static inline int shy_color_pairs(void) { return COLOR_PAIRS; }
static inline int shy_lines(void) { return LINES; }
static inline int shy_cols(void) { return COLS; }
static inline FILE *shy_stdin(void) { return stdin; }
static inline FILE *shy_stdout(void) { return stdout; }

/* The size of the terminal on `fd` (TIOCGWINSZ; ioctl is variadic, which Swift cannot call).
 * Returns 0 and sets rows and columns, or -1. */
static inline int shy_terminal_size(int fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

/* Display width per the process locale (-1 for non-printable, and for CJK under the C locale). */
static inline int shy_wcwidth(wchar_t c) { return wcwidth(c); }

/* ---- Attributes (macros in curses.h) -------------------------------------------------------- */

static const attr_t SHY_A_NORMAL = A_NORMAL;
static const attr_t SHY_A_BOLD = A_BOLD;
static const attr_t SHY_A_UNDERLINE = A_UNDERLINE;
static const attr_t SHY_A_REVERSE = A_REVERSE;
static const attr_t SHY_A_DIM = A_DIM;

/* ---- Mouse masks (macros in curses.h) ------------------------------------------------------- */

static const mmask_t SHY_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t SHY_BUTTON1_RELEASED = BUTTON1_RELEASED;
static const mmask_t SHY_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t SHY_BUTTON4_PRESSED = BUTTON4_PRESSED;
static const mmask_t SHY_BUTTON5_PRESSED = BUTTON5_PRESSED;
static const mmask_t SHY_ALL_MOUSE_EVENTS = ALL_MOUSE_EVENTS;
static const mmask_t SHY_REPORT_MOUSE_POSITION = REPORT_MOUSE_POSITION;

/* ---- Locale ------------------------------------------------------------------------------- */

/* setlocale(LC_ALL, "") and, when the result's codeset is not UTF-8 (e.g. LANG names a locale that
 * is not installed), LC_CTYPE = C.UTF-8. Returns 1 when the character type ends up UTF-8. */
static inline int shy_setup_utf8_locale(void) {
    static const char *const fallbacks[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8" };
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    if (cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0)) return 1;
    for (unsigned i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; ++i) {
        if (setlocale(LC_CTYPE, fallbacks[i]) != NULL) {
            cs = nl_langinfo(CODESET);
            if (cs != NULL && strcmp(cs, "UTF-8") == 0) return 1;
        }
    }
    return 0;
}

/* ---- Drawing -------------------------------------------------------------------------------- */

/* Puts one cell: `wstr` is a spacing character followed by up to CCHARW_MAX-1 combining characters,
 * NUL-terminated. With `insert` set the character is inserted instead of added, which does not move
 * the cursor: use it for the bottom-right cell so nothing wraps or scrolls. Returns OK or ERR. */
static inline int shy_put_cell(int y, int x, const wchar_t *wstr, attr_t attrs, short pair, int insert) {
    cchar_t c;
    if (setcchar(&c, wstr, attrs, pair, NULL) == ERR) return ERR;
    return insert ? mvins_wch(y, x, &c) : mvadd_wch(y, x, &c);
}

/* ---- Signals (signals.c) ------------------------------------------------------------------- *
 * The handlers and their state live in signals.c, compiled once: one flag per process, whichever Swift
 * module or file asks. (State defined in this header would be copied into every translation unit that
 * uses it, and after cross-module inlining the handler would set one copy while the loop reads another.)
 * The handlers only set flags, write a byte to the wake pipe and post the watchdog semaphore, except
 * where noted: no Swift code runs in a signal context.                                                 */

/* Crash signals (SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE): restore the terminal (endwin),
 * then, only when SWIFT_BACKTRACE was set when this was called, let the handler that was there before
 * (Swift's backtracer) print its report, and finally die by the signal's default action. Once. */
void shy_install_crash_handlers(void);

/* Quit requests (SIGINT, SIGTERM, SIGHUP, SIGQUIT) set the quit flag and wake `shy_wake_fd`; a second
 * request while one is pending restores the terminal and exits 128+n at once, and so does the watchdog
 * thread when the program has not stopped its screen 400 ms after the first. SIGCONT sets the continued
 * flag. SIGTSTP sets the stop request, unless it was ignored (the office screen ignores it): then job
 * control stays off. Signals that were ignored at the start stay ignored. Install before newterm, so that
 * ncurses leaves these signals alone. Returns 1 when job control (SIGTSTP) is on. */
int shy_install_quit_handlers(void);

/* Puts back the handlers shy_install_quit_handlers replaced. A pending quit request is kept. */
void shy_remove_quit_handlers(void);

/* The signal that asked to quit, or 0. */
int shy_quit_signal(void);

/* Whether SIGTSTP asked to stop / SIGCONT said the process was continued since the last call (clears it). */
int shy_take_stop_request(void);
int shy_take_continued(void);

/* The read end of the wake pipe: readable after any of the signals above (poll it with the terminal). */
int shy_wake_fd(void);
/* Empties the wake pipe. */
void shy_drain_wake(void);

/* Stops the process group as the terminal's Ctrl-Z would (SIGTSTP with its default action) and returns
 * once continued. In a process group without job control (an orphaned one) the kernel discards the
 * signal and this returns at once. The caller has already left curses mode (endwin). */
void shy_stop_process_group(void);

/* The screen the handlers may restore (endwin) is running / about to be stopped by the program. */
void shy_screen_started(void);
void shy_screen_stopping(void);

#endif
