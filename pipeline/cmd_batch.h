/*
** cmd_batch.h — `shokai batch` (one unattended run over an inbox) and
** `shokai ledger` (read the ledger); dispatched from main.c.
*/
#ifndef SHOKAI_CMD_BATCH_H
#define SHOKAI_CMD_BATCH_H

int cmd_batch(int argc, char **argv);
int cmd_ledger(int argc, char **argv);

#endif
