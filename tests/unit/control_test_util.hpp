#pragma once
// Shared helpers of the control-plane unit tests.

#include <catch2/catch.hpp>
#include <functional>
#include <string>

#include "emulator/control/function_registry.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"

namespace lemu::testing {

inline const AccountRegion kHome{"000000000000", "us-east-1"};
inline const std::string kArn = "arn:aws:lambda:us-east-1:000000000000:function:";
inline const std::string kRole = "arn:aws:iam::000000000000:role/lambda";

// Runs `fn`, expecting an AwsError with exactly this code and message.
inline void require_error(const std::function<void()>& fn, ErrorCode code, const std::string& message) {
    try {
        fn();
    } catch (const AwsError& e) {
        CHECK(e.name() == info(code).name);
        CHECK(e.message() == message);
        return;
    }
    FAIL("expected " << info(code).name << ": " << message);
}

inline FunctionRef ref(std::string name, std::optional<std::string> qualifier = std::nullopt) {
    FunctionRef r;
    r.name = std::move(name);
    if (qualifier) {
        r.qualifier = classify_qualifier(*qualifier);
    }
    return r;
}

struct RegistryFixture {
    ManualClock clock;
    SeededRandom random{1};
    control::FunctionRegistry registry{kHome, clock, random};

    control::PublishedChange create(const std::string& name, bool publish = false, std::string role = kRole,
                                    std::string sha = "c2hhMQ==") {
        control::CreateFunctionRequest request;
        request.name = name;
        request.config.runtime = "provided.al2023";
        request.config.handler = "bootstrap";
        request.config.role = std::move(role);
        request.code.sha256 = std::move(sha);
        request.code.size = 100;
        request.publish = publish;
        return registry.create_function(std::move(request));
    }
    control::VersionPtr describe(const std::string& name, const std::string& description) {
        control::UpdateConfigRequest request;
        request.name = name;
        request.patch.description = description;
        return registry.update_configuration(std::move(request));
    }
    control::VersionPtr publish(const std::string& name,
                                std::optional<std::string> description = std::nullopt) {
        control::PublishRequest request;
        request.name = name;
        request.description = std::move(description);
        return registry.publish_version(std::move(request));
    }
    control::AliasPtr alias(const std::string& fn, const std::string& name, const std::string& version,
                            std::optional<std::map<std::uint64_t, double>> weights = std::nullopt) {
        control::AliasRequest request;
        request.function = fn;
        request.name = name;
        request.function_version = version;
        request.weights = std::move(weights);
        return registry.create_alias(std::move(request));
    }
};

}  // namespace lemu::testing
