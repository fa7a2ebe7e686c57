/* batch.h - memboot run --batch: the boot's log lines without a terminal. */
#ifndef MEMBOOT_BATCH_H
#define MEMBOOT_BATCH_H

int cmd_run(int argc, char **argv);

#endif
