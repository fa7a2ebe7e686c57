/* align.h - rounding to a multiple (any multiple, not only powers of two). */
#ifndef MEMBOOT_ALIGN_H
#define MEMBOOT_ALIGN_H

#include <stdint.h>

static inline uint64_t
align_up(uint64_t x, uint64_t a)
{
	return (x + a - 1) / a * a;
}

static inline uint64_t
align_down(uint64_t x, uint64_t a)
{
	return x / a * a;
}

/* The same for a power-of-two a, by masking. */
static inline uint64_t
align_up_p2(uint64_t x, uint64_t a)
{
	return (x + a - 1) & ~(a - 1);
}

static inline uint64_t
align_down_p2(uint64_t x, uint64_t a)
{
	return x & ~(a - 1);
}

#endif
