/*
 * Console output: a small vsnprintf (%d %i %u %x %X %p %s %c %%, flags '-' '0', width,
 * precision for %s, length l/ll/z) and printf, which formats a whole call into one buffer and
 * writes it under a lock with interrupts off, so lines from different strands never mix and a
 * cross-call handler that prints cannot deadlock against the code it interrupted.
 *
 * Output path: cons_write (CORE 1.1), else cons_putchar (CORE 1.0), else the CORE_TRAP
 * api_putchar, which works before any API negotiation (ref §1, §7).
 */
#include "rt.h"

static rt_lock_t console_lock;
static volatile uint64_t console_last_tick;    /* %tick after the last write */

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width, int left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left) {
		/* Zero padding goes after the sign. */
		if (pad == '0' && n > 0 && s[0] == '-') {
			put(o, '-');
			s++;
			n--;
		}
		while (fill-- > 0)
			put(o, pad);
	}
	while (n--)
		put(o, *s++);
	while (left && fill-- > 0)
		put(o, ' ');
}

static size_t format_unsigned(char *tmp, uint64_t v, unsigned base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[24];
	size_t n = 0, i = 0;

	do {
		rev[n++] = digits[v % base];
		v /= base;
	} while (v != 0);
	while (n > 0)
		tmp[i++] = rev[--n];
	return i;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	char tmp[32];

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		int left = 0, width = 0, precision = -1, longs = 0;
		char pad = ' ';
		for (;; fmt++) {
			if (*fmt == '-')
				left = 1;
			else if (*fmt == '0')
				pad = '0';
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			precision = 0;
			for (fmt++; *fmt >= '0' && *fmt <= '9'; fmt++)
				precision = precision * 10 + (*fmt - '0');
		}
		while (*fmt == 'l' || *fmt == 'z') {
			longs++;
			fmt++;
		}
		uint64_t u;
		size_t n;
		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = longs ? va_arg(ap, int64_t) : va_arg(ap, int);
			n = 0;
			if (v < 0) {
				tmp[n++] = '-';
				u = (uint64_t)0 - (uint64_t)v;
			} else {
				u = (uint64_t)v;
			}
			n += format_unsigned(tmp + n, u, 10, 0);
			put_padded(&o, tmp, n, width, left, pad);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
			u = longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
			n = format_unsigned(tmp, u, *fmt == 'u' ? 10 : 16, *fmt == 'X');
			put_padded(&o, tmp, n, width, left, pad);
			break;
		case 'p':
			tmp[0] = '0';
			tmp[1] = 'x';
			n = 2 + format_unsigned(tmp + 2, (uint64_t)va_arg(ap, void *), 16, 0);
			put_padded(&o, tmp, n, width, left, ' ');
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			n = 0;
			while (s[n] != '\0' && (precision < 0 || (int)n < precision))
				n++;
			put_padded(&o, s, n, width, left, ' ');
			break;
		}
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			put_padded(&o, tmp, 1, width, left, ' ');
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (o.size > 0)
		o.buf[o.len < o.size ? o.len : o.size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Write without the lock: cons_write, else cons_putchar, else api_putchar. */
static void write_raw(const char *s, size_t n)
{
	uint64_t done;

	while (n > 0) {
		long st = hv_cons_write((uint64_t)s, n, &done);
		if (st == HV_EWOULDBLOCK)
			continue;
		if (st != HV_EOK || done == 0)
			break;
		if (done > n)
			done = n;
		s += done;
		n -= done;
	}
	while (n > 0) {
		long st = hv_cons_putchar((unsigned char)*s);
		if (st == HV_EWOULDBLOCK)
			continue;
		if (st != HV_EOK)
			break;
		s++;
		n--;
	}
	for (; n > 0; n--)
		(void)hv_api_putchar((unsigned char)*s++);
}

/*
 * The machine writes each quantum's console output in (cycle, strand id) order, the cycle
 * being the writer's own clock at the call (docs/ARCHITECTURE.md, quantum protocol). Strands'
 * clocks drift apart inside a quantum, so a strand that takes the lock after another may still
 * be at an earlier cycle: it waits until its clock passes the previous write, and lines come
 * out in the order the lock was taken.
 */
void rt_console_write(const char *s, size_t n)
{
	uint64_t pstate = rt_irq_save();
	rt_lock(&console_lock);
	while (rt_tick() <= console_last_tick)
		;
	write_raw(s, n);
	console_last_tick = rt_tick();
	rt_unlock(&console_lock);
	rt_irq_restore(pstate);
}

/* The fatal path may have interrupted the lock's holder (itself, even): wait a while for it,
 * then print anyway. */
void rt_console_steal(void)
{
	for (int spins = 0; spins < 200000; spins++) {
		if (console_lock.owner == 0)
			return;
	}
	console_lock.owner = 0;
	console_last_tick = 0;
}

int vprintf(const char *fmt, va_list ap)
{
	char line[512];
	va_list copy;

	va_copy(copy, ap);
	int n = vsnprintf(line, sizeof line, fmt, copy);
	va_end(copy);
	if (n > (int)sizeof line - 1)
		n = sizeof line - 1;
	rt_console_write(line, (size_t)n);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}
