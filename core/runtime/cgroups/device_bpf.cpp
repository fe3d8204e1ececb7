// Builds and loads the v2 device program. The instruction encoding is the kernel's
// (docs.kernel.org/bpf/standardization/instruction-set.html); the context is
// struct bpf_cgroup_dev_ctx { u32 access_type; u32 major; u32 minor; }.
#include "runtime/cgroups/device_bpf.h"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <string>

namespace berth::runtime {

namespace {

bpf_insn insn(std::uint8_t code, std::uint8_t dst, std::uint8_t src, std::int16_t off, std::int32_t imm) {
    bpf_insn i{};
    i.code = code;
    i.dst_reg = dst & 0xf;
    i.src_reg = src & 0xf;
    i.off = off;
    i.imm = imm;
    return i;
}

bpf_insn loadCtxWord(std::uint8_t dst, std::int16_t offset) {
    return insn(BPF_LDX | BPF_W | BPF_MEM, dst, BPF_REG_1, offset, 0);
}
bpf_insn alu32Imm(std::uint8_t op, std::uint8_t dst, std::int32_t imm) {
    return insn(BPF_ALU | op | BPF_K, dst, 0, 0, imm);
}
bpf_insn mov32Reg(std::uint8_t dst, std::uint8_t src) {
    return insn(BPF_ALU | BPF_MOV | BPF_X, dst, src, 0, 0);
}
bpf_insn jumpImm(std::uint8_t op, std::uint8_t dst, std::int32_t imm) {
    return insn(BPF_JMP | op | BPF_K, dst, 0, 0, imm);
}
bpf_insn jumpReg(std::uint8_t op, std::uint8_t dst, std::uint8_t src) {
    return insn(BPF_JMP | op | BPF_X, dst, src, 0, 0);
}
bpf_insn returnValue(std::int32_t v) {
    return insn(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, v);
}
bpf_insn exitInsn() {
    return insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
}

constexpr std::uint8_t kAccess = BPF_REG_2, kType = BPF_REG_3, kAccessBits = BPF_REG_4, kMajor = BPF_REG_5,
                       kMinor = BPF_REG_6, kScratch = BPF_REG_7;

std::int32_t accessMask(std::string_view access) {
    std::int32_t mask = 0;
    for (char c : access) {
        if (c == 'r') mask |= BPF_DEVCG_ACC_READ;
        if (c == 'w') mask |= BPF_DEVCG_ACC_WRITE;
        if (c == 'm') mask |= BPF_DEVCG_ACC_MKNOD;
    }
    return mask;
}

constexpr std::int32_t kAllAccess = BPF_DEVCG_ACC_READ | BPF_DEVCG_ACC_WRITE | BPF_DEVCG_ACC_MKNOD;

// One rule: conditional jumps past the block when the request does not match, then the verdict.
// Answers whether the rule matches every request (then nothing after it can run).
bool emitRule(const DeviceRule& rule, std::vector<bpf_insn>& out) {
    std::vector<bpf_insn> block;
    if (rule.type == 'b' || rule.type == 'c')
        block.push_back(jumpImm(BPF_JNE, kType, rule.type == 'b' ? BPF_DEVCG_DEV_BLOCK : BPF_DEVCG_DEV_CHAR));
    std::int32_t mask = accessMask(rule.access);
    if (mask != kAllAccess) {
        // Matches only when every requested access bit is one the rule names.
        block.push_back(mov32Reg(kScratch, kAccessBits));
        block.push_back(alu32Imm(BPF_AND, kScratch, mask));
        block.push_back(jumpReg(BPF_JNE, kScratch, kAccessBits));
    }
    if (rule.major >= 0) block.push_back(jumpImm(BPF_JNE, kMajor, rule.major));
    if (rule.minor >= 0) block.push_back(jumpImm(BPF_JNE, kMinor, rule.minor));
    block.push_back(returnValue(rule.allow ? 1 : 0));
    block.push_back(exitInsn());
    auto size = static_cast<std::int16_t>(block.size());
    for (std::int16_t i = 0; i < size; ++i) {
        if (BPF_CLASS(block[i].code) == BPF_JMP && BPF_OP(block[i].code) != BPF_EXIT)
            block[i].off = size - i - 1;
    }
    out.insert(out.end(), block.begin(), block.end());
    return size == 2;
}

long bpfCall(int cmd, bpf_attr& attr) {
    return ::syscall(SYS_bpf, cmd, &attr, sizeof attr);
}

std::string_view trimmedLog(const std::vector<char>& log) {
    std::string_view text(log.data(), ::strnlen(log.data(), log.size()));
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.remove_suffix(1);
    // The verdict is at the end; keep the message one screen long.
    if (text.size() > 2000) text = text.substr(text.size() - 2000);
    return text;
}

} // namespace

std::vector<bpf_insn> deviceProgram(std::span<const DeviceRule> rules) {
    std::vector<bpf_insn> out = {
        loadCtxWord(kAccess, offsetof(bpf_cgroup_dev_ctx, access_type)),
        mov32Reg(kType, kAccess),
        alu32Imm(BPF_AND, kType, 0xffff),
        mov32Reg(kAccessBits, kAccess),
        alu32Imm(BPF_RSH, kAccessBits, 16),
        loadCtxWord(kMajor, offsetof(bpf_cgroup_dev_ctx, major)),
        loadCtxWord(kMinor, offsetof(bpf_cgroup_dev_ctx, minor)),
    };
    // The verifier rejects unreachable instructions: stop after a rule that matches everything.
    for (auto it = rules.rbegin(); it != rules.rend(); ++it)
        if (emitRule(*it, out)) return out;
    out.push_back(returnValue(0)); // no rule matched: deny
    out.push_back(exitInsn());
    return out;
}

Result<UniqueFd> loadDeviceProgram(std::span<const bpf_insn> insns) {
    static const char license[] = "Apache";
    std::vector<char> log(64 * 1024, '\0');
    bpf_attr attr{};
    attr.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
    attr.insns = reinterpret_cast<std::uint64_t>(insns.data());
    attr.insn_cnt = static_cast<std::uint32_t>(insns.size());
    attr.license = reinterpret_cast<std::uint64_t>(license);
    attr.log_buf = reinterpret_cast<std::uint64_t>(log.data());
    attr.log_size = static_cast<std::uint32_t>(log.size());
    attr.log_level = 1;
    long fd = bpfCall(BPF_PROG_LOAD, attr);
    if (fd >= 0) return UniqueFd(static_cast<int>(fd));
    int err = errno;
    if (err == ENOSYS || err == EPERM)
        return sysFail(
            "loading the eBPF device program (this kernel or this process may not load BPF programs, so "
            "the device policy cannot be enforced)",
            err);
    auto verifier = trimmedLog(log);
    if (verifier.empty()) return sysFail("loading the eBPF device program", err);
    auto e = sysFail("loading the eBPF device program", err);
    e.error().message += "; verifier: " + std::string(verifier);
    return e;
}

Status attachDeviceProgram(int programFd, int cgroupDirFd) {
    bpf_attr attr{};
    attr.target_fd = static_cast<std::uint32_t>(cgroupDirFd);
    attr.attach_bpf_fd = static_cast<std::uint32_t>(programFd);
    attr.attach_type = BPF_CGROUP_DEVICE;
    attr.attach_flags = BPF_F_ALLOW_MULTI;
    if (bpfCall(BPF_PROG_ATTACH, attr) != 0) return sysFail("attaching the eBPF device program");
    return {};
}

Result<std::vector<std::uint32_t>> attachedDevicePrograms(int cgroupDirFd) {
    std::vector<std::uint32_t> ids(64);
    bpf_attr query{};
    query.query.target_fd = static_cast<std::uint32_t>(cgroupDirFd);
    query.query.attach_type = BPF_CGROUP_DEVICE;
    query.query.prog_ids = reinterpret_cast<std::uint64_t>(ids.data());
    query.query.prog_cnt = static_cast<std::uint32_t>(ids.size());
    if (bpfCall(BPF_PROG_QUERY, query) != 0) return sysFail("listing the eBPF device programs");
    ids.resize(std::min<std::size_t>(query.query.prog_cnt, ids.size()));
    return ids;
}

Status detachDevicePrograms(int cgroupDirFd) {
    for (std::uint32_t id : BERTH_TRY(attachedDevicePrograms(cgroupDirFd))) {
        bpf_attr byId{};
        byId.prog_id = id;
        long fd = bpfCall(BPF_PROG_GET_FD_BY_ID, byId);
        if (fd < 0) {
            if (errno == ENOENT) continue; // detached meanwhile
            return sysFail("opening eBPF program " + std::to_string(id));
        }
        UniqueFd program(static_cast<int>(fd));
        bpf_attr detach{};
        detach.target_fd = static_cast<std::uint32_t>(cgroupDirFd);
        detach.attach_bpf_fd = static_cast<std::uint32_t>(program.get());
        detach.attach_type = BPF_CGROUP_DEVICE;
        if (bpfCall(BPF_PROG_DETACH, detach) != 0 && errno != ENOENT)
            return sysFail("detaching eBPF program " + std::to_string(id));
    }
    return {};
}

Status applyDevicePolicyV2(const std::filesystem::path& dir) {
    UniqueFd dirFd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dirFd.isValid()) return sysFail("opening " + dir.string() + " for the device policy");
    struct statfs fsInfo {};
    if (::fstatfs(dirFd.get(), &fsInfo) != 0) return sysFail("statfs of " + dir.string());
    if (fsInfo.f_type != CGROUP2_SUPER_MAGIC) return {};
    auto program = BERTH_TRY(loadDeviceProgram(deviceProgram(defaultDeviceRules())));
    // A cgroup left by a crash keeps its old program; replace it rather than stack a second one.
    BERTH_CHECK(detachDevicePrograms(dirFd.get()));
    return attachDeviceProgram(program.get(), dirFd.get());
}

} // namespace berth::runtime
