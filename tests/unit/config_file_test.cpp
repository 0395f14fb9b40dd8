#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "emulator/app/config_file.hpp"

using namespace lemu;

namespace {

struct TempDir {
    TempDir() : path(std::filesystem::temp_directory_path() / ("lemu-config-test-" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(path / "fn");
        std::ofstream(path / "fn" / "bootstrap") << "#!/bin/sh\n";
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    std::filesystem::path path;
};

std::string error_path(const std::string& json, const std::filesystem::path& base) {
    try {
        parse_resource_spec(json, base);
    } catch (const ConfigError& e) {
        return e.path + " | " + e.reason;
    }
    return "no error";
}

}  // namespace

TEST_CASE("a full config parses with defaults and resolved code paths", "[unit][config]") {
    TempDir dir;
    ResourceSpec spec = parse_resource_spec(R"({
      "functions": [{"name": "hello", "runtime": "provided.al2023", "code": "fn",
                     "versions": [{"description": "one"}, {}],
                     "aliases": [{"name": "live", "version": "1", "weights": {"2": 0.1}}],
                     "permissions": [{"sid": "s3", "qualifier": "live", "principal": "s3.amazonaws.com"}]}],
      "queues": [{"name": "jobs"}],
      "event_source_mappings": [{"queue": "jobs", "function": "hello:live"}]
    })", dir.path);
    REQUIRE(spec.functions.size() == 1);
    const FunctionSpec& f = spec.functions[0];
    CHECK(f.code.path == std::filesystem::weakly_canonical(dir.path / "fn"));
    CHECK(f.memory == 128);
    CHECK(f.timeout == 3);
    CHECK(f.versions.size() == 2);
    CHECK(f.aliases[0].weights.at("2") == Approx(0.1));
    CHECK(f.permissions[0].action == "lambda:InvokeFunction");
    CHECK(spec.event_source_mappings[0].batch_size == 10);
}

TEST_CASE("config errors name the JSON path and the reason", "[unit][config]") {
    TempDir dir;
    CHECK(error_path("{", dir.path).starts_with("$ | is not valid JSON"));
    CHECK(error_path(R"({"functions": [{"runtime": "x", "code": "fn"}]})", dir.path) ==
          "$.functions[0].name | is required");
    CHECK(error_path(R"({"functions": [{"name": "f", "runtime": "x", "code": "missing"}]})", dir.path)
              .starts_with("$.functions[0].code | '"));
    CHECK(error_path(R"({"functions": [{"name": "f", "runtime": "x", "code": "fn", "timeout": 0}]})", dir.path) ==
          "$.functions[0].timeout | must be between 1 and 900");
    CHECK(error_path(R"({"functoins": []})", dir.path) == "$.functoins | is not a known setting");
    CHECK(error_path(R"({"queues": [{"name": 3}]})", dir.path) == "$.queues[0].name | must be a string");
}
