/* tui.h - the interactive view, the command line's way into the terminal
 * UI; nothing here needs curses. */
#ifndef MEMBOOT_TUI_H
#define MEMBOOT_TUI_H

/* Replay the machine at path (NULL: the built-in default) and step
 * through its boot in the terminal; the exit status: 2 when stdin or
 * stdout is not a terminal, 1 when the machine does not load. */
int tui_run(const char *path);

#endif
