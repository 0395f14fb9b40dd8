#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdlib>

#include "emulator/core/log.hpp"

int main(int argc, char* argv[]) {
    // Function output and platform lines go to the "function" logger; LEMU_TEST_LOG=info shows them.
    const char* level = std::getenv("LEMU_TEST_LOG");
    lemu::log::setup(level != nullptr ? level : "error");
    return Catch::Session().run(argc, argv);
}
