#pragma once
// The small part of Go's text/template that `--format` users reach for most: {{.A.B}} prints a
// field (strings bare, other values as JSON), {{json .A}} prints JSON, text outside {{ }} stays.
#include <nlohmann/json.hpp>
#include <string>

namespace berth::cli {

// Returns false with a message in `error` for a template it cannot handle.
bool renderTemplate(const std::string& tmpl, const nlohmann::json& data, std::string& out, std::string& error);

} // namespace berth::cli
