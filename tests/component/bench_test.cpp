// Benchmarks of the engine (hidden: run with `lemu_component_tests "[.bench]"`). They print numbers
// and assert nothing about them. The runtime is a C bootstrap (tests/fixtures/runtimes/c_echo_bootstrap.c)
// so what is measured is lemu: dispatch, the Runtime API on loopback, completion and the REPORT line.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>

#include "tests/component/harness.hpp"

using namespace lemu;
using namespace lemu::test;

namespace {

using Steady = std::chrono::steady_clock;

double micros(Steady::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

boost::asio::awaitable<std::vector<double>> invoke_loop(EngineHarness& h, invoke::ExecutionSpecPtr spec,
                                                        int count) {
    std::vector<double> latencies;
    latencies.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        invoke::RunRequest request = h.request(spec, R"({"k":"v"})");
        auto start = Steady::now();
        auto pending = h.engine->run(std::move(request));
        invoke::InvocationResult result = co_await std::move(pending);
        latencies.push_back(micros(Steady::now() - start));
        if (result.failed()) {
            throw std::runtime_error("invocation failed: " + result.payload);
        }
    }
    co_return latencies;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

}  // namespace

TEST_CASE("benchmark: warm invoke latency, throughput and cold start with a C bootstrap", "[.bench]") {
    EngineHarness h;
    auto spec = make_spec(std::filesystem::path(LEMU_C_ECHO_DIR));

    std::vector<double> cold;
    for (int i = 0; i < 50; ++i) {
        SpecOptions options;
        options.revision = "cold-" + std::to_string(i);
        auto fresh = make_spec(std::filesystem::path(LEMU_C_ECHO_DIR), options);
        auto start = Steady::now();
        h.run(h.request(fresh, "{}"));
        cold.push_back(micros(Steady::now() - start));
    }
    std::cout << "cold start (spawn + init + first invoke), us: p50 " << percentile(cold, 0.5) << ", p90 "
              << percentile(cold, 0.9) << "\n";

    auto warmup = boost::asio::co_spawn(h.io, invoke_loop(h, spec, 2000), boost::asio::use_future);
    warmup.get();
    auto sequential = boost::asio::co_spawn(h.io, invoke_loop(h, spec, 20000), boost::asio::use_future);
    auto latencies = sequential.get();
    std::cout << "warm invoke, 1 caller, us: p50 " << percentile(latencies, 0.5) << ", p90 "
              << percentile(latencies, 0.9) << ", p99 " << percentile(latencies, 0.99) << "\n";

    const int callers = 16;
    const int each = 5000;
    std::vector<std::future<std::vector<double>>> futures;
    auto start = Steady::now();
    for (int c = 0; c < callers; ++c) {
        futures.push_back(boost::asio::co_spawn(h.io, invoke_loop(h, spec, each), boost::asio::use_future));
    }
    std::vector<double> all;
    for (auto& f : futures) {
        auto part = f.get();
        all.insert(all.end(), part.begin(), part.end());
    }
    double seconds = std::chrono::duration<double>(Steady::now() - start).count();
    std::cout << "throughput, " << callers << " callers: " << static_cast<double>(callers * each) / seconds
              << " invokes/s, p50 " << percentile(all, 0.5) << " us, p99 " << percentile(all, 0.99)
              << " us\n";
}
