#pragma once
// Randomness, injected so alias weights and ids are reproducible in tests (DESIGN.md §1.3).

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace lemu {

class Random {
public:
    virtual ~Random() = default;
    virtual std::uint64_t next_u64() = 0;
    // Uniform in [0, 1).
    double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
};

// Thread-safe; seeded from std::random_device.
class SystemRandom final : public Random {
public:
    SystemRandom();
    std::uint64_t next_u64() override;

private:
    std::mutex mutex_;
    std::mt19937_64 engine_;
};

// Deterministic for a given seed; thread-safe.
class SeededRandom final : public Random {
public:
    explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}
    std::uint64_t next_u64() override;

private:
    std::mutex mutex_;
    std::mt19937_64 engine_;
};

// Lowercase RFC 4122 version-4 UUID, e.g. request ids and RevisionIds.
std::string new_uuid(Random& random);
// `count` lowercase hex characters.
std::string random_hex(Random& random, std::size_t count);

}  // namespace lemu
