// The ready-made fixture images declared in test_image_builder.h.
#include "test_image_builder.h"

namespace berth::test {

namespace {

ImageSpec baseSpec() {
    ImageSpec s;
    s.layers.push_back({TarBuilder().dir("etc").file("etc/os-release", "NAME=berth-test\n").dir("tmp", 01777),
                        Compression::Gzip, "ADD base"});
    return s;
}

TarEntry withXattr(TarEntry e, const std::string& name, const std::string& value) {
    e.xattrs[name] = value;
    return e;
}

TarEntry fileEntry(const std::string& path, const std::string& content, unsigned mode) {
    TarEntry e;
    e.path = path;
    e.content = content;
    e.mode = mode;
    return e;
}

} // namespace

TestImage manyLayers(int n) {
    ImageSpec s;
    for (int i = 0; i < n; ++i) {
        TarBuilder t;
        if (i == 0) t.dir("layers");
        t.file("layers/" + std::to_string(i) + ".txt", "layer " + std::to_string(i) + "\n");
        s.layers.push_back({t, Compression::Gzip, "RUN echo layer " + std::to_string(i)});
    }
    s.cmd = {"/bin/sh", "-c", "cat /layers/*.txt"};
    return {{s}, PushFormat::Oci};
}

TestImage whiteoutsAndOpaque() {
    ImageSpec s = baseSpec();
    s.layers.push_back({TarBuilder()
                            .dir("a")
                            .file("a/x", "x\n")
                            .file("a/y", "y\n")
                            .dir("b")
                            .file("b/old1", "1\n")
                            .file("b/old2", "2\n")
                            .file("c", "c\n"),
                        Compression::Gzip, "ADD tree"});
    // Layer 3: opaque marker written after a new entry in the same dir, to exercise ordering.
    s.layers.push_back({TarBuilder()
                            .dir("a")
                            .file("a/.wh.x", "")
                            .dir("b")
                            .file("b/new", "new\n")
                            .file("b/.wh..wh..opq", "")
                            .file(".wh.c", ""),
                        Compression::Gzip, "RUN rm /a/x /c && rm -rf /b/* && echo new > /b/new"});
    return {{s}, PushFormat::Oci};
}

TestImage linksImage() {
    ImageSpec s = baseSpec();
    TarBuilder t;
    t.dir("bin").file("bin/tool", "#!/bin/sh\necho tool\n", 0755).hardlink("bin/tool-hard", "bin/tool");
    t.symlink("bin/tool-rel", "tool")
        .symlink("bin/tool-abs", "/bin/tool")
        .symlink("dangling", "/no/such/file");
    t.add(fileEntry("bin/suid", "suid\n", 04755)).add(fileEntry("bin/sgid", "sgid\n", 02755));
    t.dir("shared", 01777);
    t.add(withXattr(fileEntry("etc/labelled", "xattr\n", 0644), "user.berth.test", "hello"));
    s.layers.push_back({t, Compression::Gzip, "ADD links"});
    return {{s}, PushFormat::Oci};
}

TestImage zstdImage() {
    ImageSpec s;
    s.layers.push_back(
        {TarBuilder().dir("etc").file("etc/zstd-1", "first zstd layer\n"), Compression::Zstd, "ADD 1"});
    s.layers.push_back(
        {TarBuilder().dir("data").file("data/zstd-2", std::string(100000, 'z')), Compression::Zstd, "ADD 2"});
    return {{s}, PushFormat::Oci};
}

TestImage twoPlatformIndex() {
    TestImage img;
    for (const char* arch : {"amd64", "arm64"}) {
        ImageSpec s = baseSpec();
        s.architecture = arch;
        s.layers.push_back({TarBuilder().file("platform", std::string("linux/") + arch + "\n"),
                            Compression::Gzip, std::string("ADD platform ") + arch});
        s.cmd = {"/bin/cat", "/platform"};
        img.platforms.push_back(s);
    }
    return img;
}

TestImage dockerSchema2Image() {
    ImageSpec s = baseSpec();
    s.layers.push_back({TarBuilder().dir("srv").file("srv/index.html", "<h1>schema2</h1>\n"),
                        Compression::Gzip, "COPY index.html /srv/"});
    s.entrypoint = {"/bin/httpd"};
    s.cmd = {"-f", "-h", "/srv"};
    s.exposedPorts = {"80/tcp"};
    s.workingDir = "/srv";
    s.labels = {{"org.berth.test", "schema2"}};
    return {{s}, PushFormat::DockerV2s2};
}

} // namespace berth::test
