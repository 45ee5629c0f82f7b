// The run's only source of randomness.
//
// Policy: every random choice the model makes (the worker a steal starts from, the branch a
// `select!` polls first, timing jitter) draws from one generator seeded by the scenario's seed,
// in the order the engine makes those choices. Same seed, same choices, same trace.
// The generator is SplitMix64: tiny state, good statistical quality, fully specified.
#pragma once

#include <cstdint>

namespace pw {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    /// Uniform in [0, n); n > 0. Lemire's multiply-shift, as tokio's FastRand::fastrand_n.
    std::uint32_t below(std::uint32_t n)
    {
        return static_cast<std::uint32_t>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
    }

private:
    std::uint64_t m_state;
};

} // namespace pw
