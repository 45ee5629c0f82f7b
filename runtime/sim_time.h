// Simulated time.
//
// Policy: time in the engine is an integer count of nanoseconds since the start of the run.
// There is no floating point anywhere on the path from an event to a result, so two runs of
// the same scenario agree bit for bit. `SimTime` is a point on the clock, `SimDuration` a
// distance between two points; both are thin wrappers so that the compiler catches a
// duration passed where a deadline was meant.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <string>

namespace pw {

struct SimDuration {
    std::int64_t ns = 0;

    static constexpr SimDuration nanos(std::int64_t v) { return {v}; }
    static constexpr SimDuration micros(std::int64_t v) { return {v * 1'000}; }
    static constexpr SimDuration millis(std::int64_t v) { return {v * 1'000'000}; }
    static constexpr SimDuration seconds(std::int64_t v) { return {v * 1'000'000'000}; }

    constexpr auto operator<=>(const SimDuration&) const = default;
    constexpr SimDuration operator+(SimDuration o) const { return {ns + o.ns}; }
    constexpr SimDuration operator-(SimDuration o) const { return {ns - o.ns}; }
    constexpr SimDuration operator*(std::int64_t k) const { return {ns * k}; }
};

struct SimTime {
    std::int64_t ns = 0;

    static constexpr SimTime max() { return {std::numeric_limits<std::int64_t>::max()}; }

    constexpr auto operator<=>(const SimTime&) const = default;
    constexpr SimTime operator+(SimDuration d) const { return {ns + d.ns}; }
    constexpr SimDuration operator-(SimTime o) const { return {ns - o.ns}; }
};

/// "12.100s" style, three decimals, as the CLI and the console print times.
std::string formatSeconds(std::int64_t ns);
/// The same to the microsecond: "0.006200s".
std::string formatSecondsMicros(std::int64_t ns);

} // namespace pw
