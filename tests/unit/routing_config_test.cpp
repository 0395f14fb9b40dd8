#include "emulator/control/routing_config.hpp"

#include <catch2/catch.hpp>

#include "emulator/core/random.hpp"

using namespace lemu;
using namespace lemu::control;

TEST_CASE("routing without an additional version always picks the primary", "[unit][routing]") {
    RoutingConfig routing;
    CHECK(routing.pick("1", 0.0) == "1");
    CHECK(routing.pick("$LATEST", 0.999999) == "$LATEST");
}

TEST_CASE("the additional version wins exactly when u01 < weight", "[unit][routing]") {
    RoutingConfig routing{WeightedVersion{2, 0.25}};
    CHECK(routing.pick("1", 0.0) == "2");
    CHECK(routing.pick("1", 0.2499999) == "2");
    CHECK(routing.pick("1", 0.25) == "1");
    CHECK(routing.pick("1", 0.9999999) == "1");
}

TEST_CASE("weight 0 never and weight 1 always routes to the additional version", "[unit][routing]") {
    RoutingConfig never{WeightedVersion{2, 0.0}};
    RoutingConfig always{WeightedVersion{2, 1.0}};
    SeededRandom random(42);
    for (int i = 0; i < 1000; ++i) {
        double u = random.uniform01();
        CHECK(never.pick("1", u) == "1");
        CHECK(always.pick("1", u) == "2");
    }
    CHECK(never.pick("1", 0.0) == "1");
    CHECK(always.pick("1", std::nextafter(1.0, 0.0)) == "2");
}

TEST_CASE("a seeded random splits traffic close to the weight and reproducibly", "[unit][routing]") {
    RoutingConfig routing{WeightedVersion{7, 0.3}};
    auto count = [&](std::uint64_t seed) {
        SeededRandom random(seed);
        int hits = 0;
        for (int i = 0; i < 10000; ++i) {
            hits += routing.pick("6", random.uniform01()) == "7" ? 1 : 0;
        }
        return hits;
    };
    int hits = count(7);
    CHECK(hits == count(7));
    CHECK(hits > 2800);
    CHECK(hits < 3200);
}
