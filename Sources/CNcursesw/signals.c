/*
 * Signal handling for the full-screen modes (see shim.h for the contract of each function).
 *
 * Everything here is defined once for the whole process. The handlers only touch `volatile
 * sig_atomic_t` flags, write(2) to a non-blocking pipe and sem_post(3), all async-signal-safe, except
 * on the paths that end the process anyway (a second quit request, a crash), which restore the terminal
 * with endwin() first, as ncurses' own handlers do.
 */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <time.h>

static volatile sig_atomic_t quit_signal = 0;
static volatile sig_atomic_t stop_requested = 0;
static volatile sig_atomic_t continued = 0;
/* A screen is running that endwin() may restore. Written under screen_mutex. */
static volatile sig_atomic_t screen_active = 0;
static pthread_mutex_t screen_mutex = PTHREAD_MUTEX_INITIALIZER;

static int wake_pipe[2] = { -1, -1 };
static sem_t watchdog_semaphore;
static int watchdog_running = 0;

static struct sigaction previous_actions[NSIG];
static int crash_installed = 0;
static int chain_backtracer = 0;
static int quit_installed = 0;
static int job_control = 0;
/* Which signals shy_install_quit_handlers replaced (to put back in shy_remove_quit_handlers). */
static int replaced[NSIG];

static const int crash_signals[] = { SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE };
static const int quit_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define COUNT(array) (sizeof (array) / sizeof (array)[0])

/* How long after a quit request the watchdog ends a program whose run loop has not stopped its screen
 * (it is blocked somewhere else: a slow save, a file system that does not answer). */
static const long watchdog_grace_ns = 400L * 1000 * 1000;

static void wake(void) {
    if (wake_pipe[1] >= 0) {
        ssize_t ignored = write(wake_pipe[1], "!", 1);  /* full pipe: already awake */
        (void)ignored;
    }
}

/* ---- Crashes ------------------------------------------------------------------------------------ */

static void crash_handler(int sig, siginfo_t *info, void *context) {
    if (screen_active) endwin();
    const struct sigaction *previous = &previous_actions[sig];
    if (chain_backtracer) {
        /* SWIFT_BACKTRACE was set: the user wants Swift's report (and chose whether it prompts). */
        if ((previous->sa_flags & SA_SIGINFO) && previous->sa_sigaction != NULL)
            previous->sa_sigaction(sig, info, context);
        else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN && previous->sa_handler != NULL)
            previous->sa_handler(sig);
    }
    /* Die by the signal: the default action, re-raised and unblocked at once (a signal sent with kill
     * would otherwise be handled and the program would run on). */
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(sig, &fallback, NULL);
    raise(sig);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, sig);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    _exit(128 + sig);  /* not reached */
}

void shy_install_crash_handlers(void) {
    if (crash_installed) return;
    crash_installed = 1;
    chain_backtracer = getenv("SWIFT_BACKTRACE") != NULL;
    for (unsigned i = 0; i < COUNT(crash_signals); ++i) {
        int sig = crash_signals[i];
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = crash_handler;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigaction(sig, &action, &previous_actions[sig]);
    }
}

/* ---- Quit, stop, continue ------------------------------------------------------------------------ */

static void quit_handler(int sig) {
    int saved = errno;
    if (quit_signal != 0) {
        /* A second request while the first is pending: the run loop is not listening. */
        if (screen_active) endwin();
        _exit(128 + sig);
    }
    quit_signal = sig;
    wake();
    if (watchdog_running) sem_post(&watchdog_semaphore);
    errno = saved;
}

static void stop_handler(int sig) {
    (void)sig;
    int saved = errno;
    stop_requested = 1;
    wake();
    errno = saved;
}

static void continue_handler(int sig) {
    (void)sig;
    int saved = errno;
    continued = 1;
    wake();
    errno = saved;
}

/* Ends the process 400 ms after a quit request unless the program stopped its screen by then. */
static void *watchdog(void *unused) {
    (void)unused;
    for (;;) {
        if (sem_wait(&watchdog_semaphore) != 0) continue;  /* EINTR */
        int sig = quit_signal;
        if (sig == 0) continue;
        struct timespec grace = { 0, watchdog_grace_ns };
        while (nanosleep(&grace, &grace) != 0 && errno == EINTR) {}
        pthread_mutex_lock(&screen_mutex);
        if (!screen_active) {
            /* The run loop saw the request and stopped the screen: the program is ending on its own. */
            pthread_mutex_unlock(&screen_mutex);
            continue;
        }
        endwin();
        _exit(128 + sig);  /* keeps screen_mutex: shy_screen_stopping() waits for the end */
    }
    return NULL;
}

static void start_machinery(void) {
    static int started = 0;
    if (started) return;
    started = 1;
    if (pipe(wake_pipe) == 0) {
        for (int i = 0; i < 2; ++i) {
            fcntl(wake_pipe[i], F_SETFL, fcntl(wake_pipe[i], F_GETFL) | O_NONBLOCK);
            fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC);
        }
    } else {
        wake_pipe[0] = wake_pipe[1] = -1;
    }
    if (sem_init(&watchdog_semaphore, 0, 0) == 0) {
        /* The watchdog must not take signals meant for the main thread's handlers' effects to matter:
         * it blocks all of them, so every handler runs on another thread (normally the main one). */
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        pthread_t thread;
        watchdog_running = pthread_create(&thread, &attributes, watchdog, NULL) == 0;
        pthread_attr_destroy(&attributes);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
    }
}

static void install(int sig, void (*handler)(int), int flags) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags;
    if (sigaction(sig, &action, &previous_actions[sig]) == 0) replaced[sig] = 1;
}

static int ignored(int sig) {
    struct sigaction current;
    return sigaction(sig, NULL, &current) == 0 && current.sa_handler == SIG_IGN;
}

int shy_install_quit_handlers(void) {
    if (quit_installed) return job_control;
    quit_installed = 1;
    start_machinery();
    /* No SA_RESTART for quit requests: a blocking call of the main thread returns EINTR at once. */
    for (unsigned i = 0; i < COUNT(quit_signals); ++i)
        if (!ignored(quit_signals[i])) install(quit_signals[i], quit_handler, 0);
    install(SIGCONT, continue_handler, SA_RESTART);
    job_control = !ignored(SIGTSTP);
    if (job_control) install(SIGTSTP, stop_handler, SA_RESTART);
    return job_control;
}

void shy_remove_quit_handlers(void) {
    if (!quit_installed) return;
    quit_installed = 0;
    for (int sig = 1; sig < NSIG; ++sig) {
        if (!replaced[sig]) continue;
        replaced[sig] = 0;
        sigaction(sig, &previous_actions[sig], NULL);
    }
}

int shy_quit_signal(void) { return (int)quit_signal; }

int shy_take_stop_request(void) {
    if (!stop_requested) return 0;
    stop_requested = 0;
    return 1;
}

int shy_take_continued(void) {
    if (!continued) return 0;
    continued = 0;
    return 1;
}

int shy_wake_fd(void) { return wake_pipe[0]; }

void shy_drain_wake(void) {
    if (wake_pipe[0] < 0) return;
    char buffer[64];
    while (read(wake_pipe[0], buffer, sizeof buffer) > 0) {}
}

void shy_stop_process_group(void) {
    struct sigaction default_action, saved;
    memset(&default_action, 0, sizeof default_action);
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    sigaction(SIGTSTP, &default_action, &saved);
    sigset_t tstp, old_mask;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &tstp, &old_mask);
    stop_requested = 0;
    /* The whole process group, as the terminal would: a shell script that started us stops too. */
    kill(0, SIGTSTP);
    /* Continued (or the signal was discarded: no job control). */
    pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
    sigaction(SIGTSTP, &saved, NULL);
    stop_requested = 0;
}

void shy_screen_started(void) {
    pthread_mutex_lock(&screen_mutex);
    screen_active = 1;
    pthread_mutex_unlock(&screen_mutex);
}

void shy_screen_stopping(void) {
    pthread_mutex_lock(&screen_mutex);
    screen_active = 0;
    pthread_mutex_unlock(&screen_mutex);
}
