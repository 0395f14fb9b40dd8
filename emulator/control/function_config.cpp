#include "emulator/control/function_config.hpp"

namespace lemu::control {
namespace {

template <class T>
void assign(T& target, const std::optional<T>& value) {
    if (value) {
        target = *value;
    }
}

}  // namespace

void FunctionConfigPatch::apply_to(FunctionConfig& config) const {
    assign(config.runtime, runtime);
    assign(config.role, role);
    assign(config.handler, handler);
    assign(config.description, description);
    assign(config.timeout_seconds, timeout_seconds);
    assign(config.memory_mb, memory_mb);
    if (environment) {
        config.environment = *environment;
    }
    assign(config.layers, layers);
    assign(config.ephemeral_storage_mb, ephemeral_storage_mb);
    assign(config.tracing_mode, tracing_mode);
    assign(config.dead_letter_target, dead_letter_target);
    assign(config.kms_key_arn, kms_key_arn);
    assign(config.logging, logging);
    if (durable) {
        config.durable = *durable;
    }
    assign(config.vpc_config, vpc_config);
    assign(config.file_system_configs, file_system_configs);
    assign(config.image_config, image_config);
    assign(config.snap_start, snap_start);
    assign(config.capacity_provider_config, capacity_provider_config);
}

}  // namespace lemu::control
