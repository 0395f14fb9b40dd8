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

TEST_CASE("AWS_LAMBDA_EXEC_WRAPPER starts a managed runtime through the wrapper, with /opt mapped", "[unit][catalog]") {
    FakePath path;
    path.add("node");
    RuntimeCatalog catalog("/shims", path.dir.string());
    ExecutionSpec node = spec("nodejs20.x");
    node.opt_dir = "/layers/fn-1";
    node.code_dir = "/code/fn-1";
    node.variables["AWS_LAMBDA_EXEC_WRAPPER"] = "/opt/bin/wrap";
    auto command = std::get<LaunchCommand>(catalog.resolve(node));
    CHECK(command.executable == "/bin/sh");
    CHECK(command.args == std::vector<std::string>{"-c", "exec \"$0\" \"$@\"", "/layers/fn-1/bin/wrap",
                                                   (path.dir / "node").string(), "/shims/nodejs/bootstrap.mjs"});

    CHECK(host_path(node, "/var/task/wrap.sh") == "/code/fn-1/wrap.sh");
    CHECK(host_path(node, "/optional/wrap") == "/optional/wrap");  // only /opt itself is mapped
    CHECK(host_path(node, "/usr/local/bin/wrap") == "/usr/local/bin/wrap");

    ExecutionSpec provided = spec("provided.al2023");  // AWS applies wrappers to managed runtimes only
    provided.code_dir = path.dir;
    provided.variables["AWS_LAMBDA_EXEC_WRAPPER"] = "/opt/bin/wrap";
    path.add("bootstrap");
    CHECK(std::get<LaunchCommand>(catalog.resolve(provided)).executable == path.dir / "bootstrap");
}
