/* main.c — the shokai command line (placeholder until the pipeline lands). */
#include <stdio.h>
int main(void)
{
	fprintf(stderr, "shokai: not built yet\n");
	return 2;
}
