#include "cli_args.h"

namespace berth::cli {

const std::vector<std::string>& ParsedArgs::all(const std::string& name) const {
    static const std::vector<std::string> empty;
    auto it = values.find(name);
    return it == values.end() ? empty : it->second;
}

static const FlagSpec* findLong(const std::vector<FlagSpec>& specs, const std::string& n) {
    for (auto& s : specs)
        if (s.longName == n) return &s;
    return nullptr;
}
static const FlagSpec* findShort(const std::vector<FlagSpec>& specs, char c) {
    for (auto& s : specs)
        if (s.shortName == c) return &s;
    return nullptr;
}

std::optional<UsageError> parseArgs(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                                    ParsedArgs& out, bool stopAtFirstPositional) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            out.positional.insert(out.positional.end(), args.begin() + static_cast<long>(i) + 1, args.end());
            return std::nullopt;
        }
        if (a.rfind("--", 0) == 0) {
            std::string name = a.substr(2), value;
            bool inlineValue = false;
            if (auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
                inlineValue = true;
            }
            const FlagSpec* s = findLong(specs, name);
            if (!s) return UsageError{"unknown flag: --" + name};
            if (s->takesValue && !inlineValue) {
                if (i + 1 >= args.size()) return UsageError{"flag needs an argument: --" + name};
                value = args[++i];
            }
            out.values[s->longName].push_back(s->takesValue ? value : (inlineValue ? value : "true"));
        } else if (a.size() > 1 && a[0] == '-') {
            for (std::size_t k = 1; k < a.size(); ++k) {
                const FlagSpec* s = findShort(specs, a[k]);
                if (!s) return UsageError{std::string("unknown shorthand flag: '") + a[k] + "' in " + a};
                if (s->takesValue) {
                    std::string value = a.substr(k + 1);
                    if (value.empty()) {
                        if (i + 1 >= args.size()) return UsageError{std::string("flag needs an argument: '") + a[k] + "' in " + a};
                        value = args[++i];
                    }
                    out.values[s->longName].push_back(value);
                    break;
                }
                out.values[s->longName].push_back("true");
            }
        } else {
            out.positional.push_back(a);
            if (stopAtFirstPositional) {
                out.positional.insert(out.positional.end(), args.begin() + static_cast<long>(i) + 1, args.end());
                return std::nullopt;
            }
        }
    }
    return std::nullopt;
}

std::string usageText(const std::string& usage, const std::string& summary, const std::vector<FlagSpec>& specs) {
    std::string s = "\nUsage:  berth " + usage + "\n\n" + summary + "\n";
    if (!specs.empty()) {
        s += "\nOptions:\n";
        for (auto& f : specs) {
            std::string left = "  ";
            left += f.shortName ? std::string("-") + f.shortName + ", " : "    ";
            left += "--" + f.longName + (f.takesValue ? " string" : "");
            if (left.size() < 30) left.resize(30, ' ');
            s += left + " " + f.help + "\n";
        }
    }
    return s;
}

} // namespace berth::cli
