#pragma once
// The domain services the Lambda API router translates to. Owned by the composition root (wire()).
// Handlers of further operations (Invoke, durable executions) add what they need here.

#include "emulator/control/code_store.hpp"
#include "emulator/control/function_registry.hpp"
#include "emulator/control/function_url_store.hpp"
#include "emulator/control/layer_registry.hpp"
#include "emulator/core/account_region.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/invoke/function_invoker.hpp"

#include <functional>
#include <string>

namespace lemu::sources::esm {
class EsmManager;
}

namespace lemu::routers::lambda {

struct LambdaContext {
    control::FunctionRegistry& functions;
    control::LayerRegistry& layers;
    control::CodeStore& code;
    Clock& clock;
    invoke::FunctionInvoker* invoker = nullptr;  // Invoke; set by the composition root
    control::FunctionUrlStore* urls = nullptr;   // function URL configs; set by the composition root
    sources::esm::EsmManager* esm = nullptr;      // event source mappings; set by the composition root
    // Reads an object of lemu's S3 (bucket, key, version id or empty); throws S3's AwsError
    // (NoSuchBucket, NoSuchKey, ...). Set by the composition root.
    std::function<std::string(const std::string&, const std::string&, const std::string&)> read_s3_object = {};

    const AccountRegion& home() const { return functions.home(); }
};

}  // namespace lemu::routers::lambda
