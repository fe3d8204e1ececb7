<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ContainerStatus</name>
    <message>
        <source>Less than a second</source>
        <translation>Less than a second</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 second</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 seconds</translation>
    </message>
    <message>
        <source>About a minute</source>
        <translation>About a minute</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 minutes</translation>
    </message>
    <message>
        <source>About an hour</source>
        <translation>About an hour</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 hours</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 day</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1 week</translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <translation>%1 weeks</translation>
    </message>
    <message>
        <source>1 month</source>
        <translation>1 month</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1 months</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 year</translation>
    </message>
    <message>
        <source>%1 years</source>
        <translation>%1 years</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Up %1</source>
        <translation>Up %1</translation>
    </message>
    <message>
        <source>Up %1 (Paused)</source>
        <translation>Up %1 (Paused)</translation>
    </message>
    <message>
        <source>Restarting (%1) %2 ago</source>
        <translation>Restarting (%1) %2 ago</translation>
    </message>
    <message>
        <source>Exited (%1) %2 ago</source>
        <translation>Exited (%1) %2 ago</translation>
    </message>
    <message>
        <source>Removal In Progress</source>
        <translation>Removal In Progress</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>Dead</translation>
    </message>
</context>
<context>
    <name>berth::ui::ConsoleStrip</name>
    <message>
        <source>Console — the same actions as berth commands</source>
        <translation>Console — the same actions as berth commands</translation>
    </message>
    <message>
        <source>Copy last command</source>
        <translation>Copy last command</translation>
    </message>
    <message>
        <source>Command console</source>
        <translation>Command console</translation>
    </message>
</context>
<context>
    <name>berth::ui::ContainerDetailTabs</name>
    <message>
        <source>Container configuration and state</source>
        <translation>Container configuration and state</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>PPID</source>
        <translation>PPID</translation>
    </message>
    <message>
        <source>UID</source>
        <translation>UID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Command</translation>
    </message>
    <message>
        <source>Container processes</source>
        <translation>Container processes</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Path</translation>
    </message>
    <message>
        <source>Changed files</source>
        <translation>Changed files</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>Inspect</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Processes</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>Shell</source>
        <translation>Shell</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
</context>
<context>
    <name>berth::ui::ContainerListModel</name>
    <message>
        <source>Killed by the kernel: out of memory (OOM)</source>
        <translation>Killed by the kernel: out of memory (OOM)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memory</translation>
    </message>
    <message>
        <source>Container ID</source>
        <translation>Container ID</translation>
    </message>
    <message>
        <source>created</source>
        <translation>created</translation>
    </message>
    <message>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>restarting</source>
        <translation>restarting</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>exited</translation>
    </message>
    <message>
        <source>removing</source>
        <translation>removing</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>dead</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>Ports</translation>
    </message>
    <message>
        <source>Click a port to open its page in the browser (%1)</source>
        <translation>Click a port to open its page in the browser (%1)</translation>
    </message>
</context>
<context>
    <name>berth::ui::ContainersPage</name>
    <message>
        <source>R&amp;un…</source>
        <translation>R&amp;un…</translation>
    </message>
    <message>
        <source>Create and start a container from an image</source>
        <translation>Create and start a container from an image</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>Start the selected containers</source>
        <translation>Start the selected containers</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;top</translation>
    </message>
    <message>
        <source>Send the stop signal, then SIGKILL after the timeout</source>
        <translation>Send the stop signal, then SIGKILL after the timeout</translation>
    </message>
    <message>
        <source>Re&amp;start</source>
        <translation>Re&amp;start</translation>
    </message>
    <message>
        <source>Stop, then start again</source>
        <translation>Stop, then start again</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Freeze every process (cgroup freezer)</source>
        <translation>Freeze every process (cgroup freezer)</translation>
    </message>
    <message>
        <source>&amp;Unpause</source>
        <translation>&amp;Unpause</translation>
    </message>
    <message>
        <source>Thaw the frozen processes</source>
        <translation>Thaw the frozen processes</translation>
    </message>
    <message>
        <source>&amp;Kill</source>
        <translation>&amp;Kill</translation>
    </message>
    <message>
        <source>Send SIGKILL at once</source>
        <translation>Send SIGKILL at once</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Remove the selected containers (running ones are killed)</source>
        <translation>Remove the selected containers (running ones are killed)</translation>
    </message>
    <message>
        <source>Filter by name, image or id</source>
        <translation>Filter by name, image or id</translation>
    </message>
    <message>
        <source>State filter</source>
        <translation>State filter</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>Remove %1? Its writable layer and log are deleted.</source>
        <translation>Remove %1? Its writable layer and log are deleted.</translation>
    </message>
    <message>
        <source>Kill %1? Its processes get SIGKILL and cannot clean up.</source>
        <translation>Kill %1? Its processes get SIGKILL and cannot clean up.</translation>
    </message>
    <message>
        <source>Berth</source>
        <translation>Berth</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Stats</source>
        <translation>Stats</translation>
    </message>
    <message>
        <source>Recreated container %1</source>
        <translation>Recreated container %1</translation>
    </message>
    <message>
        <source>&amp;Edit and recreate…</source>
        <translation>&amp;Edit and recreate…</translation>
    </message>
    <message>
        <source>Change the container&apos;s ports, environment, volumes or limits: a new container replaces it</source>
        <translation>Change the container&apos;s ports, environment, volumes or limits: a new container replaces it</translation>
    </message>
    <message>
        <source>Edit and recreate %1</source>
        <translation>Edit and recreate %1</translation>
    </message>
    <message>
        <source>Re&amp;create</source>
        <translation>Re&amp;create</translation>
    </message>
    <message>
        <source>Recreating container %1…</source>
        <translation>Recreating container %1…</translation>
    </message>
    <message>
        <source>Containers cannot run in this session: Berth could not enter its rootless user namespace. Restart Berth, or start it with sudo (sudo berth-desktop).</source>
        <translation>Containers cannot run in this session: Berth could not enter its rootless user namespace. Restart Berth, or start it with sudo (sudo berth-desktop).</translation>
    </message>
    <message>
        <source>Containers cannot run: %1. Fix that and restart Berth, or start it with sudo (sudo berth-desktop).</source>
        <translation>Containers cannot run: %1. Fix that and restart Berth, or start it with sudo (sudo berth-desktop).</translation>
    </message>
    <message>
        <source>Open a s&amp;hell</source>
        <translation>Open a s&amp;hell</translation>
    </message>
    <message>
        <source>A shell inside the selected running container, in the Shell tab (berth exec -it)</source>
        <translation>A shell inside the selected running container, in the Shell tab (berth exec -it)</translation>
    </message>
</context>
<context>
    <name>berth::ui::EventListModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
</context>
<context>
    <name>berth::ui::EventsPage</name>
    <message>
        <source>Filter by action, container, image or exit code</source>
        <translation>Filter by action, container, image or exit code</translation>
    </message>
    <message>
        <source>No events yet: container starts, stops and exits are listed here as they happen, whether they come from this app, the CLI or a restart policy.</source>
        <translation>No events yet: container starts, stops and exits are listed here as they happen, whether they come from this app, the CLI or a restart policy.</translation>
    </message>
</context>
<context>
    <name>berth::ui::ImageListModel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Layers stored once and used by other images too</source>
        <translation>Layers stored once and used by other images too</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Image ID</source>
        <translation>Image ID</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Shared layers</source>
        <translation>Shared layers</translation>
    </message>
</context>
<context>
    <name>berth::ui::ImagesPage</name>
    <message>
        <source>&amp;Pull…</source>
        <translation>&amp;Pull…</translation>
    </message>
    <message>
        <source>&amp;Load…</source>
        <translation>&amp;Load…</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Save…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>P&amp;rune…</source>
        <translation>P&amp;rune…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <source>&amp;Filter images</source>
        <translation>&amp;Filter images</translation>
    </message>
    <message>
        <source>Download an image from a registry</source>
        <translation>Download an image from a registry</translation>
    </message>
    <message>
        <source>Remove the selected images; layers no other image uses are deleted</source>
        <translation>Remove the selected images; layers no other image uses are deleted</translation>
    </message>
    <message>
        <source>Remove images that have no name (dangling)</source>
        <translation>Remove images that have no name (dangling)</translation>
    </message>
    <message>
        <source>Filter by repository, tag or ID</source>
        <translation>Filter by repository, tag or ID</translation>
    </message>
    <message>
        <source>Filter images</source>
        <translation>Filter images</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>No images yet. Pull one (Ctrl+P) or load an archive (Ctrl+O).</source>
        <translation>No images yet. Pull one (Ctrl+P) or load an archive (Ctrl+O).</translation>
    </message>
    <message>
        <source>Pulling %1…</source>
        <translation>Pulling %1…</translation>
    </message>
    <message>
        <source>Saving to %1…</source>
        <translation>Saving to %1…</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Loading %1…</translation>
    </message>
    <message>
        <source>Remove images</source>
        <translation>Remove images</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>Remove %1?</translation>
    </message>
    <message>
        <source>The name is removed. Layers that no other image uses are deleted from disk.</source>
        <translation>The name is removed. Layers that no other image uses are deleted from disk.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Prune images</source>
        <translation>Prune images</translation>
    </message>
    <message>
        <source>Remove images that have no name?</source>
        <translation>Remove images that have no name?</translation>
    </message>
    <message>
        <source>Dangling images (shown as &lt;none&gt;) are left behind when a name moves to a newer image. Layers no remaining image uses are deleted.</source>
        <translation>Dangling images (shown as &lt;none&gt;) are left behind when a name moves to a newer image. Layers no remaining image uses are deleted.</translation>
    </message>
    <message>
        <source>Also remove every image not used by a container (--all)</source>
        <translation>Also remove every image not used by a container (--all)</translation>
    </message>
    <message>
        <source>Prune</source>
        <translation>Prune</translation>
    </message>
    <message>
        <source>Save images to an archive</source>
        <translation>Save images to an archive</translation>
    </message>
    <message>
        <source>Image archives (*.tar)</source>
        <translation>Image archives (*.tar)</translation>
    </message>
    <message>
        <source>Load images from an archive</source>
        <translation>Load images from an archive</translation>
    </message>
    <message>
        <source>Image archives (*.tar *.tar.gz *.tgz *.tar.zst)</source>
        <translation>Image archives (*.tar *.tar.gz *.tgz *.tar.zst)</translation>
    </message>
    <message>
        <source>The image store cannot be used: %1</source>
        <translation>The image store cannot be used: %1</translation>
    </message>
</context>
<context>
    <name>berth::ui::IsolationView</name>
    <message>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <source>Host inode</source>
        <translation>Host inode</translation>
    </message>
    <message>
        <source>Container inode</source>
        <translation>Container inode</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Namespaces of the container and the host</source>
        <translation>Namespaces of the container and the host</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Resource</translation>
    </message>
    <message>
        <source>Limit (cgroup)</source>
        <translation>Limit (cgroup)</translation>
    </message>
    <message>
        <source>Usage now</source>
        <translation>Usage now</translation>
    </message>
    <message>
        <source>Limits and usage</source>
        <translation>Limits and usage</translation>
    </message>
    <message>
        <source>Container:</source>
        <translation>Container:</translation>
    </message>
    <message>
        <source>separate</source>
        <translation>separate</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>shared</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>no limit</translation>
    </message>
    <message>
        <source>sampling…</source>
        <translation>sampling…</translation>
    </message>
    <message>
        <source>%1 % (100 % = one CPU)</source>
        <translation>%1 % (100 % = one CPU)</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memory</translation>
    </message>
    <message>
        <source>CPUs</source>
        <translation>CPUs</translation>
    </message>
    <message>
        <source>Processes (pids)</source>
        <translation>Processes (pids)</translation>
    </message>
</context>
<context>
    <name>berth::ui::JsonTreeModel</name>
    <message>
        <source>{…} %1 keys</source>
        <translation>{…} %1 keys</translation>
    </message>
    <message>
        <source>[…] %1 items</source>
        <translation>[…] %1 items</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
</context>
<context>
    <name>berth::ui::LayerFileModel</name>
    <message>
        <source>added</source>
        <translation>added</translation>
    </message>
    <message>
        <source>modified</source>
        <translation>modified</translation>
    </message>
    <message>
        <source>removed (whiteout)</source>
        <translation>removed (whiteout)</translation>
    </message>
    <message>
        <source>opaque: hides the layers below</source>
        <translation>opaque: hides the layers below</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
</context>
<context>
    <name>berth::ui::LayerPanel</name>
    <message>
        <source>Layer stack</source>
        <translation>Layer stack</translation>
    </message>
    <message>
        <source>Files of the selected layer</source>
        <translation>Files of the selected layer</translation>
    </message>
    <message>
        <source>Layers of %1 (base first)</source>
        <translation>Layers of %1 (base first)</translation>
    </message>
    <message>
        <source>No image selected</source>
        <translation>No image selected</translation>
    </message>
    <message>
        <source>Select a layer to see the files it changed.</source>
        <translation>Select a layer to see the files it changed.</translation>
    </message>
    <message>
        <source>Reading the layer&apos;s files…</source>
        <translation>Reading the layer&apos;s files…</translation>
    </message>
    <message>
        <source>This layer: %1 added, %2 modified, %3 removed (compared with the layers below).</source>
        <translation>This layer: %1 added, %2 modified, %3 removed (compared with the layers below).</translation>
    </message>
</context>
<context>
    <name>berth::ui::LayerStackModel</name>
    <message>
        <source>%1 (base)</source>
        <translation>%1 (base)</translation>
    </message>
    <message>
        <source>(no history)</source>
        <translation>(no history)</translation>
    </message>
    <message>
        <source>Blob %1
DiffID %2
ChainID %3</source>
        <translation>Blob %1
DiffID %2
ChainID %3</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Created by</translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation>Shared with</translation>
    </message>
</context>
<context>
    <name>berth::ui::LearnPage</name>
    <message>
        <source>Images and layers</source>
        <translation>Images and layers</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>Lifecycle</translation>
    </message>
    <message>
        <source>Layers of a running container</source>
        <translation>Layers of a running container</translation>
    </message>
    <message>
        <source>Isolation</source>
        <translation>Isolation</translation>
    </message>
</context>
<context>
    <name>berth::ui::LifecycleView</name>
    <message>
        <source>Container</source>
        <translation>Container</translation>
    </message>
    <message>
        <source>No containers yet: run one from the Containers page</source>
        <translation>No containers yet: run one from the Containers page</translation>
    </message>
    <message>
        <source>Container lifecycle</source>
        <translation>Container lifecycle</translation>
    </message>
    <message>
        <source>Container:</source>
        <translation>Container:</translation>
    </message>
    <message>
        <source>Click a blue verb to run it on this container.</source>
        <translation>Click a blue verb to run it on this container.</translation>
    </message>
    <message>
        <source>%1 (removed)</source>
        <translation>%1 (removed)</translation>
    </message>
</context>
<context>
    <name>berth::ui::LogModel</name>
    <message>
        <source>A long line of %L1 characters, shortened here. Copy (Ctrl+C) takes the whole line.</source>
        <translation>A long line of %L1 characters, shortened here. Copy (Ctrl+C) takes the whole line.</translation>
    </message>
</context>
<context>
    <name>berth::ui::LogView</name>
    <message>
        <source>Search the log (Ctrl+F)</source>
        <translation>Search the log (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Search the log</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>Regex</translation>
    </message>
    <message>
        <source>Treat the search as a regular expression</source>
        <translation>Treat the search as a regular expression</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Match case</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Previous match (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Next match (Enter)</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Follow</translation>
    </message>
    <message>
        <source>Keep the newest line in view</source>
        <translation>Keep the newest line in view</translation>
    </message>
    <message>
        <source>Container log</source>
        <translation>Container log</translation>
    </message>
    <message>
        <source>Invalid pattern</source>
        <translation>Invalid pattern</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>No matches</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Select a container to see its output (berth logs).</source>
        <translation>Select a container to see its output (berth logs).</translation>
    </message>
    <message>
        <source>%1 older lines dropped to keep memory bounded — use berth logs for the whole log.</source>
        <translation>%1 older lines dropped to keep memory bounded — use berth logs for the whole log.</translation>
    </message>
</context>
<context>
    <name>berth::ui::MainWindow</name>
    <message>
        <source>Berth</source>
        <translation>Berth</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>Containers</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Sections</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Learn</source>
        <translation>Learn</translation>
    </message>
    <message>
        <source>Opening the image store…</source>
        <translation>Opening the image store…</translation>
    </message>
    <message>
        <source>First start: loading the built-in demo images…</source>
        <translation>First start: loading the built-in demo images…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Se&amp;ttings…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Images</source>
        <translation>&amp;Images</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Learn</source>
        <translation>&amp;Learn</translation>
    </message>
    <message>
        <source>&amp;Containers</source>
        <translation>&amp;Containers</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>&amp;Events</translation>
    </message>
    <message>
        <source>Show &amp;console</source>
        <translation>Show &amp;console</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&amp;About Berth</source>
        <translation>&amp;About Berth</translation>
    </message>
    <message>
        <source>Store %1 · %2 snapshotter</source>
        <translation>Store %1 · %2 snapshotter</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>Pull failed: %1</source>
        <translation>Pull failed: %1</translation>
    </message>
    <message>
        <source>Pulled %1</source>
        <translation>Pulled %1</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>Removed %1</translation>
    </message>
    <message>
        <source>Pruned: %1 reclaimed</source>
        <translation>Pruned: %1 reclaimed</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>Loaded %1</translation>
    </message>
    <message>
        <source>About Berth</source>
        <translation>About Berth</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Berth %1&lt;/h3&gt;&lt;p&gt;A native Linux container manager that shows how images, layers and containers work.&lt;/p&gt;&lt;p&gt;Store: %2&lt;br&gt;Snapshotter: %3&lt;br&gt;Platform: %4&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Berth %1&lt;/h3&gt;&lt;p&gt;A native Linux container manager that shows how images, layers and containers work.&lt;/p&gt;&lt;p&gt;Store: %2&lt;br&gt;Snapshotter: %3&lt;br&gt;Platform: %4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Started container %1</source>
        <translation>Started container %1</translation>
    </message>
    <message>
        <source>The web demo is ready to run: see the Containers page</source>
        <translation>The web demo is ready to run: see the Containers page</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>Networks</translation>
    </message>
    <message>
        <source>&amp;Networks</source>
        <translation>&amp;Networks</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) in %1</source>
        <translation>
            <numerusform>%n image in %1</numerusform>
            <numerusform>%n images in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::NetworkConnectDialog</name>
    <message>
        <source>Connect a container to %1</source>
        <translation>Connect a container to %1</translation>
    </message>
    <message>
        <source>optional, separated by spaces</source>
        <translation>optional, separated by spaces</translation>
    </message>
    <message>
        <source>&amp;Container:</source>
        <translation>&amp;Container:</translation>
    </message>
    <message>
        <source>&amp;Aliases:</source>
        <translation>&amp;Aliases:</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>C&amp;onnect</translation>
    </message>
    <message>
        <source>The same from a terminal:</source>
        <translation>The same from a terminal:</translation>
    </message>
</context>
<context>
    <name>berth::ui::NetworkCreateDialog</name>
    <message>
        <source>Create a network</source>
        <translation>Create a network</translation>
    </message>
    <message>
        <source>letters, digits, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;</source>
        <translation>letters, digits, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;</translation>
    </message>
    <message>
        <source>automatic (the next free 10.89.N.0/24)</source>
        <translation>automatic (the next free 10.89.N.0/24)</translation>
    </message>
    <message>
        <source>the subnet&apos;s first address</source>
        <translation>the subnet&apos;s first address</translation>
    </message>
    <message>
        <source>one key=value per line</source>
        <translation>one key=value per line</translation>
    </message>
    <message>
        <source>Equivalent command</source>
        <translation>Equivalent command</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Subnet:</source>
        <translation>&amp;Subnet:</translation>
    </message>
    <message>
        <source>&amp;Gateway:</source>
        <translation>&amp;Gateway:</translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation>&amp;Labels:</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Create</translation>
    </message>
    <message>
        <source>Containers on a network you create find each other by name.</source>
        <translation>Containers on a network you create find each other by name.</translation>
    </message>
    <message>
        <source>The same from a terminal:</source>
        <translation>The same from a terminal:</translation>
    </message>
</context>
<context>
    <name>berth::ui::NetworkListModel</name>
    <message>
        <source>bridge (default)</source>
        <translation>bridge (default)</translation>
    </message>
    <message>
        <source>%1 (built-in)</source>
        <translation>%1 (built-in)</translation>
    </message>
    <message>
        <source>Built into Berth: it cannot be removed</source>
        <translation>Built into Berth: it cannot be removed</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Network ID</source>
        <translation>Network ID</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Driver</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>Subnet</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>Containers</translation>
    </message>
</context>
<context>
    <name>berth::ui::NetworkMemberModel</name>
    <message>
        <source>An address is leased when the container starts</source>
        <translation>An address is leased when the container starts</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>Container</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>IPv4 address</source>
        <translation>IPv4 address</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC address</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>Aliases</translation>
    </message>
    <message>
        <source>Published ports</source>
        <translation>Published ports</translation>
    </message>
</context>
<context>
    <name>berth::ui::NetworksPage</name>
    <message>
        <source>Created network %1</source>
        <translation>Created network %1</translation>
    </message>
    <message>
        <source>Removed network %1</source>
        <translation>Removed network %1</translation>
    </message>
    <message>
        <source>&amp;Create network…</source>
        <translation>&amp;Create network…</translation>
    </message>
    <message>
        <source>Create a bridge network whose containers reach each other by name</source>
        <translation>Create a bridge network whose containers reach each other by name</translation>
    </message>
    <message>
        <source>&amp;Remove network</source>
        <translation>&amp;Remove network</translation>
    </message>
    <message>
        <source>Remove the selected network (no running container may be on it)</source>
        <translation>Remove the selected network (no running container may be on it)</translation>
    </message>
    <message>
        <source>C&amp;onnect container…</source>
        <translation>C&amp;onnect container…</translation>
    </message>
    <message>
        <source>Add a container to the selected network</source>
        <translation>Add a container to the selected network</translation>
    </message>
    <message>
        <source>&amp;Disconnect container</source>
        <translation>&amp;Disconnect container</translation>
    </message>
    <message>
        <source>Take the selected container off the selected network</source>
        <translation>Take the selected container off the selected network</translation>
    </message>
    <message>
        <source>Every container gets its own network namespace. On &lt;b&gt;bridge&lt;/b&gt; (the default) it has an address behind a virtual switch; &lt;b&gt;host&lt;/b&gt; shares this computer&apos;s network; &lt;b&gt;none&lt;/b&gt; has only loopback. On networks you create, containers find each other by name.</source>
        <translation>Every container gets its own network namespace. On &lt;b&gt;bridge&lt;/b&gt; (the default) it has an address behind a virtual switch; &lt;b&gt;host&lt;/b&gt; shares this computer&apos;s network; &lt;b&gt;none&lt;/b&gt; has only loopback. On networks you create, containers find each other by name.</translation>
    </message>
    <message>
        <source>Select a network to see which containers are on it.</source>
        <translation>Select a network to see which containers are on it.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · driver %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · driver %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · driver %2 · subnet %3 · gateway %4 · Linux bridge %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · driver %2 · subnet %3 · gateway %4 · Linux bridge %5</translation>
    </message>
    <message>
        <source>Containers on this network: %1</source>
        <translation>Containers on this network: %1</translation>
    </message>
    <message>
        <source>containers here reach each other by address only, not by name</source>
        <translation>containers here reach each other by address only, not by name</translation>
    </message>
    <message>
        <source>Berth</source>
        <translation>Berth</translation>
    </message>
    <message>
        <source>Remove network %1?</source>
        <translation>Remove network %1?</translation>
    </message>
</context>
<context>
    <name>berth::ui::OverviewTab</name>
    <message>
        <source>Select a container</source>
        <translation>Select a container</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Command</translation>
    </message>
    <message>
        <source>Restart policy</source>
        <translation>Restart policy</translation>
    </message>
    <message>
        <source>Restart count</source>
        <translation>Restart count</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>Exit code</translation>
    </message>
    <message>
        <source>Network mode</source>
        <translation>Network mode</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>Networks</translation>
    </message>
    <message>
        <source>Published ports</source>
        <translation>Published ports</translation>
    </message>
    <message>
        <source>Mounts</source>
        <translation>Mounts</translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation>Memory limit</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>CPU limit</translation>
    </message>
    <message>
        <source>Process limit</source>
        <translation>Process limit</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Container overview</source>
        <translation>Container overview</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>%1 (OOM killed: out of memory)</source>
        <translation>%1 (OOM killed: out of memory)</translation>
    </message>
    <message>
        <source>%1 (no address: not running)</source>
        <translation>%1 (no address: not running)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>tmpfs at %1</source>
        <translation>tmpfs at %1</translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>(read-only)</source>
        <translation>(read-only)</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>no limit</translation>
    </message>
    <message>
        <source>%1 CPUs</source>
        <translation>%1 CPUs</translation>
    </message>
    <message>
        <source>%1 processes</source>
        <translation>%1 processes</translation>
    </message>
</context>
<context>
    <name>berth::ui::PortsEditor</name>
    <message>
        <source>Add port</source>
        <translation>Add port</translation>
    </message>
    <message>
        <source>published on this computer only (127.0.0.1)</source>
        <translation>published on this computer only (127.0.0.1)</translation>
    </message>
    <message>
        <source>any</source>
        <translation>any</translation>
    </message>
    <message>
        <source>Host port</source>
        <translation>Host port</translation>
    </message>
    <message>
        <source>port</source>
        <translation>port</translation>
    </message>
    <message>
        <source>Container port</source>
        <translation>Container port</translation>
    </message>
    <message>
        <source>Remove this port</source>
        <translation>Remove this port</translation>
    </message>
</context>
<context>
    <name>berth::ui::PullDialog</name>
    <message>
        <source>Pull an image</source>
        <translation>Pull an image</translation>
    </message>
    <message>
        <source>e.g. busybox:latest or 127.0.0.1:5000/team/app:1.0</source>
        <translation>e.g. busybox:latest or 127.0.0.1:5000/team/app:1.0</translation>
    </message>
    <message>
        <source>Image reference</source>
        <translation>Image reference</translation>
    </message>
    <message>
        <source>Images come from a registry (Docker Hub when no host is given).</source>
        <translation>Images come from a registry (Docker Hub when no host is given).</translation>
    </message>
    <message>
        <source>Pull</source>
        <translation>Pull</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>Image:</translation>
    </message>
    <message>
        <source>Resolving %1…</source>
        <translation>Resolving %1…</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Downloading %1 / %2</source>
        <translation>Downloading %1 / %2</translation>
    </message>
    <message>
        <source>Extracting %1 / %2</source>
        <translation>Extracting %1 / %2</translation>
    </message>
    <message>
        <source>Retrying: %1</source>
        <translation>Retrying: %1</translation>
    </message>
    <message>
        <source>Download complete</source>
        <translation>Download complete</translation>
    </message>
    <message>
        <source>Pull complete</source>
        <translation>Pull complete</translation>
    </message>
    <message>
        <source>already exists</source>
        <translation>already exists</translation>
    </message>
    <message>
        <source>already exists — shared with %1</source>
        <translation>already exists — shared with %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>%1 is up to date.</source>
        <translation>%1 is up to date.</translation>
    </message>
    <message>
        <source>Pulled %1 (image %2).</source>
        <translation>Pulled %1 (image %2).</translation>
    </message>
    <message>
        <source>Pull failed: %1</source>
        <translation>Pull failed: %1</translation>
    </message>
</context>
<context>
    <name>berth::ui::RelationshipGraphView</name>
    <message>
        <source>Image and layer graph</source>
        <translation>Image and layer graph</translation>
    </message>
    <message>
        <source>Layer %1
%2</source>
        <translation>Layer %1
%2</translation>
    </message>
    <message>
        <source>shared by %1 images</source>
        <translation>shared by %1 images</translation>
    </message>
    <message>
        <source>Container %1 (%2): its own writable layer on top of the image&apos;s layers</source>
        <translation>Container %1 (%2): its own writable layer on top of the image&apos;s layers</translation>
    </message>
</context>
<context>
    <name>berth::ui::RunDialog</name>
    <message>
        <source>Run a container</source>
        <translation>Run a container</translation>
    </message>
    <message>
        <source>generated when empty</source>
        <translation>generated when empty</translation>
    </message>
    <message>
        <source>the image&apos;s default command</source>
        <translation>the image&apos;s default command</translation>
    </message>
    <message>
        <source>one KEY=value per line</source>
        <translation>one KEY=value per line</translation>
    </message>
    <message>
        <source>Equivalent command</source>
        <translation>Equivalent command</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>&amp;Image:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>&amp;Command:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Environment:</translation>
    </message>
    <message>
        <source>&amp;Restart policy:</source>
        <translation>&amp;Restart policy:</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Run</translation>
    </message>
    <message>
        <source>The same from a terminal:</source>
        <translation>The same from a terminal:</translation>
    </message>
    <message>
        <source>Net&amp;work:</source>
        <translation>Net&amp;work:</translation>
    </message>
    <message>
        <source>&amp;Ports:</source>
        <translation>&amp;Ports:</translation>
    </message>
    <message>
        <source>&amp;Volumes:</source>
        <translation>&amp;Volumes:</translation>
    </message>
    <message>
        <source>&amp;Memory limit:</source>
        <translation>&amp;Memory limit:</translation>
    </message>
    <message>
        <source>CP&amp;Us:</source>
        <translation>CP&amp;Us:</translation>
    </message>
    <message>
        <source>bridge (own address, can publish ports)</source>
        <translation>bridge (own address, can publish ports)</translation>
    </message>
    <message>
        <source>host (shares this computer&apos;s network)</source>
        <translation>host (shares this computer&apos;s network)</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>no limit</translation>
    </message>
    <message>
        <source>default (the bridge: own address, can publish ports)</source>
        <translation>default (the bridge: own address, can publish ports)</translation>
    </message>
    <message>
        <source>none (no network)</source>
        <translation>none (no network)</translation>
    </message>
</context>
<context>
    <name>berth::ui::RunningContainerBox</name>
    <message>
        <source>Running container</source>
        <translation>Running container</translation>
    </message>
    <message>
        <source>No running container</source>
        <translation>No running container</translation>
    </message>
</context>
<context>
    <name>berth::ui::RunningLayersView</name>
    <message>
        <source>Layer / path</source>
        <translation>Layer / path</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Layer stack of the running container</source>
        <translation>Layer stack of the running container</translation>
    </message>
    <message>
        <source>Container:</source>
        <translation>Container:</translation>
    </message>
    <message>
        <source>Start a container to see its layers.</source>
        <translation>Start a container to see its layers.</translation>
    </message>
    <message>
        <source>Reading the layers…</source>
        <translation>Reading the layers…</translation>
    </message>
    <message>
        <source>whiteout</source>
        <translation>whiteout</translation>
    </message>
    <message>
        <source>opaque directory</source>
        <translation>opaque directory</translation>
    </message>
    <message>
        <source>copy-up</source>
        <translation>copy-up</translation>
    </message>
    <message>
        <source>new</source>
        <translation>new</translation>
    </message>
    <message>
        <source>Writable layer (this container only)</source>
        <translation>Writable layer (this container only)</translation>
    </message>
    <message>
        <source>read-write</source>
        <translation>read-write</translation>
    </message>
    <message>
        <source>Image layer %1: %2</source>
        <translation>Image layer %1: %2</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>read-only</translation>
    </message>
</context>
<context>
    <name>berth::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>The new language is used at once.</source>
        <translation>The new language is used at once.</translation>
    </message>
</context>
<context>
    <name>berth::ui::ShellTab</name>
    <message>
        <source>S&amp;hell:</source>
        <translation>S&amp;hell:</translation>
    </message>
    <message>
        <source>The program to run in the container; busybox images have only sh</source>
        <translation>The program to run in the container; busybox images have only sh</translation>
    </message>
    <message>
        <source>Open in system terminal</source>
        <translation>Open in system terminal</translation>
    </message>
    <message>
        <source>Run the same berth exec -it command in the desktop&apos;s terminal</source>
        <translation>Run the same berth exec -it command in the desktop&apos;s terminal</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>[exited %1]</source>
        <translation>[exited %1]</translation>
    </message>
    <message>
        <source>&amp;Reconnect</source>
        <translation>&amp;Reconnect</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connect</translation>
    </message>
    <message>
        <source>Select a running container to open a shell in it.</source>
        <translation>Select a running container to open a shell in it.</translation>
    </message>
    <message>
        <source>%1 is not running: start it to open a shell.</source>
        <translation>%1 is not running: start it to open a shell.</translation>
    </message>
    <message>
        <source>No terminal program found: install one (x-terminal-emulator) or set TERMINAL.</source>
        <translation>No terminal program found: install one (x-terminal-emulator) or set TERMINAL.</translation>
    </message>
    <message>
        <source>Shell in %1; what you type goes to the container.</source>
        <translation>Shell in %1; what you type goes to the container.</translation>
    </message>
    <message>
        <source>The shell ended with exit code %1.</source>
        <translation>The shell ended with exit code %1.</translation>
    </message>
</context>
<context>
    <name>berth::ui::ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>berth::ui::StatsPanel</name>
    <message>
        <source>seconds ago</source>
        <translation>seconds ago</translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memory</translation>
    </message>
    <message>
        <source>limit</source>
        <translation>limit</translation>
    </message>
    <message>
        <source>Select a running container to chart its CPU and memory (berth stats).</source>
        <translation>Select a running container to chart its CPU and memory (berth stats).</translation>
    </message>
    <message>
        <source>Memory (limit %1 MiB)</source>
        <translation>Memory (limit %1 MiB)</translation>
    </message>
</context>
<context>
    <name>berth::ui::VolumesEditor</name>
    <message>
        <source>Add volume</source>
        <translation>Add volume</translation>
    </message>
    <message>
        <source>/path/on/this/computer</source>
        <translation>/path/on/this/computer</translation>
    </message>
    <message>
        <source>Host path</source>
        <translation>Host path</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Choose a folder</translation>
    </message>
    <message>
        <source>/path/in/container</source>
        <translation>/path/in/container</translation>
    </message>
    <message>
        <source>Container path</source>
        <translation>Container path</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>read-only</translation>
    </message>
    <message>
        <source>Remove this volume</source>
        <translation>Remove this volume</translation>
    </message>
    <message>
        <source>Folder to share with the container</source>
        <translation>Folder to share with the container</translation>
    </message>
</context>
<context>
    <name>berth::ui::WebDemoBar</name>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Starting the web demo…</source>
        <translation>Starting the web demo…</translation>
    </message>
    <message>
        <source>Run the web demo? It serves a page on http://127.0.0.1:8080</source>
        <translation>Run the web demo? It serves a page on http://127.0.0.1:8080</translation>
    </message>
    <message>
        <source>The web demo is running: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</source>
        <translation>The web demo is running: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>The web demo did not start: %1</source>
        <translation>The web demo did not start: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Berth: images, layers and containers.</source>
        <translation>Berth: images, layers and containers.</translation>
    </message>
    <message>
        <source>Store directory (default /var/lib/berth as root; env BERTH_ROOT).</source>
        <translation>Store directory (default /var/lib/berth as root; env BERTH_ROOT).</translation>
    </message>
    <message>
        <source>UI language for this run (en, ko).</source>
        <translation>UI language for this run (en, ko).</translation>
    </message>
    <message>
        <source>Save a picture of the window to a PNG file and quit.</source>
        <translation>Save a picture of the window to a PNG file and quit.</translation>
    </message>
    <message>
        <source>Tab of the Learn page or of the container details to show (0 = first).</source>
        <translation>Tab of the Learn page or of the container details to show (0 = first).</translation>
    </message>
    <message>
        <source>Container to select on the Containers page.</source>
        <translation>Container to select on the Containers page.</translation>
    </message>
    <message>
        <source>Page to show first: images, networks, learn, containers, events.</source>
        <translation>Page to show first: images, networks, learn, containers, events.</translation>
    </message>
</context>
</TS>
