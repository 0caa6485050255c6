// SPDX-License-Identifier: GPL-3.0-or-later
//
// The C side of TransferSim's binding to GNU GSL.
//
// 1. Accessors for GSL's global type pointers. Swift 6 strict concurrency rejects the globals
//    (`gsl_qrng_sobol`, root-solver types, ...) as shared mutable state; a `static inline` function
//    returning the pointer is a plain call.
// 2. Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011), the
//    counter-based generator of the Random123 family, registered as a `gsl_rng_type` so that every
//    `gsl_ran_*` sampler can draw from it. A draw is a pure function of (key, counter): TransferSim
//    puts the master seed in the key and (draw block, purpose, entity, trial) in the counter.
//
// SwiftPM does not notice edits to this file: remove `.build` after changing it.
#ifndef TRANSFERSIM_CGSL_SHIM_H
#define TRANSFERSIM_CGSL_SHIM_H

#include <stdint.h>
#include <stddef.h>
#include <gsl/gsl_version.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort.h>

// ---------------------------------------------------------------------------------------------
// GSL global types, as calls.

static inline const gsl_qrng_type *ts_qrng_sobol(void) { return gsl_qrng_sobol; }
static inline const gsl_qrng_type *ts_qrng_niederreiter_2(void) { return gsl_qrng_niederreiter_2; }
static inline const gsl_root_fsolver_type *ts_root_brent(void) { return gsl_root_fsolver_brent; }
static inline const gsl_root_fsolver_type *ts_root_bisection(void) { return gsl_root_fsolver_bisection; }
static inline const gsl_min_fminimizer_type *ts_min_brent(void) { return gsl_min_fminimizer_brent; }
static inline const gsl_multimin_fminimizer_type *ts_multimin_nmsimplex2(void) { return gsl_multimin_fminimizer_nmsimplex2; }
static inline const char *ts_gsl_version(void) { return gsl_version; }

/// Turns GSL's abort-on-error handler off; every status code is checked by the caller instead.
static inline void ts_gsl_disable_abort(void) { gsl_set_error_handler_off(); }

// ---------------------------------------------------------------------------------------------
// Philox4x32-10.

typedef struct {
    uint32_t key[2];      // master seed
    uint32_t counter[4];  // [0] draw block, [1] purpose, [2] entity, [3] trial
    uint32_t block[4];    // output of the current counter
    uint32_t used;        // words of `block` consumed (4 = exhausted)
} ts_philox_state;

#define TS_PHILOX_M0 0xD2511F53u
#define TS_PHILOX_M1 0xCD9E8D57u
#define TS_PHILOX_W0 0x9E3779B9u
#define TS_PHILOX_W1 0xBB67AE85u

/// One Philox4x32-10 block: `out = philox(key, ctr)`.
static inline void ts_philox4x32_10(const uint32_t key[2], const uint32_t ctr[4], uint32_t out[4]) {
    uint32_t c0 = ctr[0], c1 = ctr[1], c2 = ctr[2], c3 = ctr[3];
    uint32_t k0 = key[0], k1 = key[1];
    for (int round = 0; round < 10; ++round) {
        if (round > 0) { k0 += TS_PHILOX_W0; k1 += TS_PHILOX_W1; }
        uint64_t p0 = (uint64_t)TS_PHILOX_M0 * c0;
        uint64_t p1 = (uint64_t)TS_PHILOX_M1 * c2;
        uint32_t hi0 = (uint32_t)(p0 >> 32), lo0 = (uint32_t)p0;
        uint32_t hi1 = (uint32_t)(p1 >> 32), lo1 = (uint32_t)p1;
        c0 = hi1 ^ c1 ^ k0;
        c1 = lo1;
        c2 = hi0 ^ c3 ^ k1;
        c3 = lo0;
    }
    out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
}

/// The next 32-bit word of the stream; advances the draw-block counter every four words.
static inline uint32_t ts_philox_next(ts_philox_state *s) {
    if (s->used >= 4) {
        ts_philox4x32_10(s->key, s->counter, s->block);
        s->counter[0] += 1;
        s->used = 0;
    }
    return s->block[s->used++];
}

/// A uniform double in [0, 1) with 53 random bits (two 32-bit words).
static inline double ts_philox_double(ts_philox_state *s) {
    uint64_t hi = ts_philox_next(s) >> 5;   // 27 bits
    uint64_t lo = ts_philox_next(s) >> 6;   // 26 bits
    return (double)((hi << 26) | lo) * (1.0 / 9007199254740992.0);
}

/// Positions the stream at draw 0 of (trial, entity, purpose) under `seed`.
static inline void ts_philox_seek(ts_philox_state *s, uint64_t seed, uint32_t trial, uint32_t entity,
                                  uint32_t purpose) {
    s->key[0] = (uint32_t)seed;
    s->key[1] = (uint32_t)(seed >> 32);
    s->counter[0] = 0;
    s->counter[1] = purpose;
    s->counter[2] = entity;
    s->counter[3] = trial;
    s->used = 4;
}

static inline void ts_philox_gsl_set(void *vstate, unsigned long int seed) {
    ts_philox_seek((ts_philox_state *)vstate, (uint64_t)seed, 0, 0, 0);
}
static inline unsigned long int ts_philox_gsl_get(void *vstate) {
    return ts_philox_next((ts_philox_state *)vstate);
}
/// GSL's uniform: one 32-bit word / 2^32, in [0, 1) — the resolution of GSL's own standard
/// generators (mt19937, taus2), at half the cost of a 53-bit double.
static inline double ts_philox_gsl_get_double(void *vstate) {
    return (double)ts_philox_next((ts_philox_state *)vstate) * (1.0 / 4294967296.0);
}

/// The `gsl_rng_type` of Philox4x32-10: `gsl_rng_alloc(ts_rng_philox())` gives a generator that
/// every GSL sampler accepts; position it with `ts_rng_seek`.
static inline const gsl_rng_type *ts_rng_philox(void) {
    static const gsl_rng_type philox_type = {
        "philox4x32-10",           // name
        0xffffffffUL,              // max
        0,                         // min
        sizeof(ts_philox_state),   // size of state
        &ts_philox_gsl_set,
        &ts_philox_gsl_get,
        &ts_philox_gsl_get_double,
    };
    return &philox_type;
}

static inline ts_philox_state *ts_rng_philox_state(gsl_rng *r) { return (ts_philox_state *)r->state; }

static inline void ts_rng_seek(gsl_rng *r, uint64_t seed, uint32_t trial, uint32_t entity, uint32_t purpose) {
    ts_philox_seek((ts_philox_state *)r->state, seed, trial, entity, purpose);
}

/// A uniform double strictly inside (0, 1) from one 32-bit word of a Philox-backed `gsl_rng`:
/// (word + 1/2) / 2^32. Resolution 2^-32 is ample for Bernoulli trials and inverse-CDF draws, and it
/// costs half the words of a 53-bit double. GSL's samplers still get 53 bits through `get_double`.
static inline double ts_rng_uniform(gsl_rng *r) {
    return ((double)ts_philox_next((ts_philox_state *)r->state) + 0.5) * (1.0 / 4294967296.0);
}

#endif
