/* gen_main.c — placeholder for the sample generator. */
#include <stdio.h>
int main(void)
{
	fprintf(stderr, "shokai-samples: not built yet\n");
	return 2;
}
