/* check.h: the unit-test harness. A test file defines test functions and
 * a main that runs them with RUN(); each prints "ok NAME" or "FAIL NAME:
 * why" (tests/run.sh counts those lines). */
#ifndef REVPACK_CHECK_H
#define REVPACK_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failed_;
static const char *check_name_;
static int check_status_;

#define CHECK(cond) do { \
	if (!(cond)) { \
		printf("FAIL %s: %s:%d: %s\n", check_name_, __FILE__, \
		    __LINE__, #cond); \
		check_failed_ = 1; \
		return; \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) { \
		printf("FAIL %s: %s:%d: \"%s\" != \"%s\"\n", check_name_, \
		    __FILE__, __LINE__, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
		check_failed_ = 1; \
		return; \
	} \
} while (0)

/* Numbers compared as the documents print them: to 1e-9. NAN == NAN. */
#define CHECK_NUM(a, b) do { \
	double a_ = (a), b_ = (b); \
	if (!((isnan(a_) && isnan(b_)) || fabs(a_ - b_) < 1e-9)) { \
		printf("FAIL %s: %s:%d: %s = %.10g, expected %.10g\n", \
		    check_name_, __FILE__, __LINE__, #a, a_, b_); \
		check_failed_ = 1; \
		return; \
	} \
} while (0)

#define CHECK_INT(a, b) do { \
	long a_ = (long)(a), b_ = (long)(b); \
	if (a_ != b_) { \
		printf("FAIL %s: %s:%d: %s = %ld, expected %ld\n", \
		    check_name_, __FILE__, __LINE__, #a, a_, b_); \
		check_failed_ = 1; \
		return; \
	} \
} while (0)

#define RUN(fn) do { \
	check_name_ = #fn; \
	check_failed_ = 0; \
	fn(); \
	if (!check_failed_) \
		printf("ok %s\n", #fn); \
	else \
		check_status_ = 1; \
} while (0)

#define CHECK_EXIT() (check_status_)

#endif
