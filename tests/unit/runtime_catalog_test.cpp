// RuntimeCatalog: which interpreter runs a managed runtime, and the clear failure when there is none.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <variant>

#include <unistd.h>

#include "emulator/invoke/runtime_catalog.hpp"

using namespace lemu::invoke;
namespace fs = std::filesystem;

namespace {

// A directory standing in for PATH, holding fake interpreters (executable files).
struct FakePath {
    fs::path dir = fs::temp_directory_path() / ("lemu-catalog-" + std::to_string(::getpid()));
    FakePath() { fs::create_directories(dir); }
    ~FakePath() { fs::remove_all(dir); }
    void add(const std::string& name) {
        std::ofstream(dir / name) << "\x7f" "ELF";  // not a script: used as it is
        fs::permissions(dir / name, fs::perms::owner_all);
    }
};

ExecutionSpec spec(const std::string& runtime) {
    ExecutionSpec s;
    s.function_name = "fn";
    s.runtime = runtime;
    return s;
}

}  // namespace

TEST_CASE("managed runtimes prefer their own interpreter, then the generic one", "[unit][catalog]") {
    FakePath path;
    path.add("python3");
    RuntimeCatalog catalog("/shims", path.dir.string());
    RuntimeResolution fallback = catalog.resolve(spec("python3.12"));
    REQUIRE(std::holds_alternative<LaunchCommand>(fallback));
    CHECK(std::get<LaunchCommand>(fallback).executable == path.dir / "python3");

    path.add("python3.12");
    RuntimeCatalog fresh("/shims", path.dir.string());  // answers are cached per catalog
    CHECK(std::get<LaunchCommand>(fresh.resolve(spec("python3.12"))).executable == path.dir / "python3.12");
}

TEST_CASE("a missing interpreter is a startup failure that names it", "[unit][catalog]") {
    FakePath path;
    RuntimeCatalog catalog("/shims", path.dir.string());
    RuntimeResolution python = catalog.resolve(spec("python3.12"));
    REQUIRE(std::holds_alternative<StartupFailure>(python));
    CHECK(std::get<StartupFailure>(python).reason ==
          "lemu found neither python3.12 nor python3 on PATH to run the python3.12 runtime");
    RuntimeResolution node = catalog.resolve(spec("nodejs20.x"));
    REQUIRE(std::holds_alternative<StartupFailure>(node));
    CHECK(std::get<StartupFailure>(node).reason == "lemu found no node on PATH to run the nodejs20.x runtime");
}
