/*
** commands.h — the subcommands of shokai; each returns an exit code.
*/
#ifndef SHOKAI_COMMANDS_H
#define SHOKAI_COMMANDS_H

int cmd_run(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_eval(int argc, char **argv);

#endif
