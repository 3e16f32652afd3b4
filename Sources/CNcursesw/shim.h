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
 *  - Signal handlers are written in C so that no Swift runtime code runs in a signal context.
 *
 * Editing only this header does not trigger a rebuild: touch a Swift file of NcursesBackend.
 */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
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

/* ---- Signals -------------------------------------------------------------------------------- *
 * The state below is `static`: every translation unit that uses these functions gets its own copy.
 * Swift compiles each source file separately in debug builds, so call these functions from ONE Swift
 * file only (NcursesBackend/TerminalRestore.swift).                                                  */

/* Function-local statics: Swift's C importer emits them with the function that owns them. */
static inline volatile sig_atomic_t *shy_quit_flag(void) { static volatile sig_atomic_t flag = 0; return &flag; }
static inline volatile sig_atomic_t *shy_installed_flags(void) { static volatile sig_atomic_t flags[2] = { 0, 0 }; return flags; }
static inline struct sigaction *shy_previous_actions(void) { static struct sigaction actions[NSIG]; return actions; }

/* Crash: restore the terminal, put back the handler that was there before (the default action or the
 * Swift runtime's backtracer) and raise the signal again. The signal is blocked while this handler
 * runs, so the re-raised one is delivered on return, with the original context. */
static void shy_crash_handler(int sig) {
    endwin();
    struct sigaction previous = shy_previous_actions()[sig];
    if (previous.sa_handler == SIG_IGN) {
        previous.sa_handler = SIG_DFL;
        previous.sa_flags = 0;
    }
    sigaction(sig, &previous, NULL);
    raise(sig);
}

/* Quit request (SIGINT, SIGTERM, SIGHUP): only record it; the run loop polls and shuts down cleanly.
 * A second request while the first is still pending means the loop is not listening: restore the
 * terminal and die by the signal's default action. */
static void shy_quit_handler(int sig) {
    if (*shy_quit_flag() != 0) {
        endwin();
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    *shy_quit_flag() = sig;
}

static inline void shy_install(int sig, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: a quit request interrupts a blocking read at once */
    sigaction(sig, &action, &shy_previous_actions()[sig]);
}

/* Installs the crash handlers once (SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE). */
static inline void shy_install_crash_handlers(void) {
    if (shy_installed_flags()[0]) return;
    shy_installed_flags()[0] = 1;
    const int signals[] = { SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; ++i) shy_install(signals[i], shy_crash_handler);
}

/* Installs the quit handlers once (SIGINT, SIGTERM, SIGHUP). A signal that was ignored when the
 * program started (nohup, background job) stays ignored. Install before newterm: ncurses then leaves
 * these signals alone. */
static inline void shy_install_quit_handlers(void) {
    if (shy_installed_flags()[1]) return;
    shy_installed_flags()[1] = 1;
    const int signals[] = { SIGINT, SIGTERM, SIGHUP };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; ++i) {
        struct sigaction current;
        if (sigaction(signals[i], NULL, &current) == 0 && current.sa_handler == SIG_IGN) continue;
        shy_install(signals[i], shy_quit_handler);
    }
}

/* Puts back the handlers that were there before shy_install_quit_handlers (after the screen stops,
 * Ctrl-C in a cooked terminal should interrupt again). A pending quit request is kept. */
static inline void shy_remove_quit_handlers(void) {
    if (!shy_installed_flags()[1]) return;
    shy_installed_flags()[1] = 0;
    const int signals[] = { SIGINT, SIGTERM, SIGHUP };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; ++i) {
        struct sigaction current;
        if (sigaction(signals[i], NULL, &current) == 0 && current.sa_handler == shy_quit_handler)
            sigaction(signals[i], &shy_previous_actions()[signals[i]], NULL);
    }
}

/* The signal that asked to quit, or 0. */
static inline int shy_quit_signal(void) { return (int)*shy_quit_flag(); }

#endif
