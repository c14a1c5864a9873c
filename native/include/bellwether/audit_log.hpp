#pragma once
// The ChatOps audit trail: one JSON line per action, appended by any number of processes.
#include <filesystem>

#include <nlohmann/json.hpp>

namespace bellwether::intent {

// Appends `record` as one JSON line with a single O_APPEND write() and fsyncs it, so lines
// from concurrent processes never interleave and a written line survives a crash. The file is
// created with mode 0600 and its missing parent directories with 0700. Throws Error(source)
// naming the file.
void append_audit_record(const std::filesystem::path& file, const nlohmann::json& record);

// A copy of `params` in which the value of every key whose name contains password, passwd,
// secret, token, apikey, api_key, credential or private_key (in any case), at any depth,
// is "****".
nlohmann::json mask_secrets(const nlohmann::json& params);

}  // namespace bellwether::intent
