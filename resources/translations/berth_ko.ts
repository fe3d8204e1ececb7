<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ContainerStatus</name>
    <message>
        <source>Less than a second</source>
        <translation>1초 미만</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1초</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>About a minute</source>
        <translation>약 1분</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1분</translation>
    </message>
    <message>
        <source>About an hour</source>
        <translation>약 1시간</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1시간</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1일</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1일</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1주</translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <translation>%1주</translation>
    </message>
    <message>
        <source>1 month</source>
        <translation>1개월</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1개월</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1년</translation>
    </message>
    <message>
        <source>%1 years</source>
        <translation>%1년</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성됨</translation>
    </message>
    <message>
        <source>Up %1</source>
        <translation>%1째 실행 중</translation>
    </message>
    <message>
        <source>Up %1 (Paused)</source>
        <translation>%1째 실행 중 (일시 정지됨)</translation>
    </message>
    <message>
        <source>Restarting (%1) %2 ago</source>
        <translation>%2 전부터 재시작 중 (%1)</translation>
    </message>
    <message>
        <source>Exited (%1) %2 ago</source>
        <translation>%2 전에 종료됨 (%1)</translation>
    </message>
    <message>
        <source>Removal In Progress</source>
        <translation>삭제 중</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>죽은 상태 (dead)</translation>
    </message>
</context>
<context>
    <name>berth::ui::ConsoleStrip</name>
    <message>
        <source>Console — the same actions as berth commands</source>
        <translation>콘솔 — 같은 작업을 berth 명령으로</translation>
    </message>
    <message>
        <source>Copy last command</source>
        <translation>마지막 명령 복사</translation>
    </message>
    <message>
        <source>Command console</source>
        <translation>명령 콘솔</translation>
    </message>
</context>
<context>
    <name>berth::ui::ContainerDetailTabs</name>
    <message>
        <source>Container configuration and state</source>
        <translation>컨테이너 구성과 상태</translation>
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
        <translation>상태</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <source>Container processes</source>
        <translation>컨테이너 프로세스</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>Changed files</source>
        <translation>바뀐 파일</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>상세 정보</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>프로세스</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>추가됨</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>변경됨</translation>
    </message>
    <message>
        <source>Shell</source>
        <translation>셸</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>개요</translation>
    </message>
</context>
<context>
    <name>berth::ui::ContainerListModel</name>
    <message>
        <source>Killed by the kernel: out of memory (OOM)</source>
        <translation>커널이 종료함: 메모리 부족 (OOM)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태 설명</translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <source>Container ID</source>
        <translation>컨테이너 ID</translation>
    </message>
    <message>
        <source>created</source>
        <translation>생성됨</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <source>restarting</source>
        <translation>재시작 중</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>정지됨</translation>
    </message>
    <message>
        <source>removing</source>
        <translation>삭제 중</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>죽음</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>포트</translation>
    </message>
    <message>
        <source>Click a port to open its page in the browser (%1)</source>
        <translation>포트를 클릭하면 브라우저에서 페이지를 엽니다 (%1)</translation>
    </message>
</context>
<context>
    <name>berth::ui::ContainersPage</name>
    <message>
        <source>R&amp;un…</source>
        <translation>실행(&amp;U)…</translation>
    </message>
    <message>
        <source>Create and start a container from an image</source>
        <translation>이미지로 컨테이너를 생성하고 실행합니다</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>시작(&amp;S)</translation>
    </message>
    <message>
        <source>Start the selected containers</source>
        <translation>선택한 컨테이너를 시작합니다</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>정지(&amp;T)</translation>
    </message>
    <message>
        <source>Send the stop signal, then SIGKILL after the timeout</source>
        <translation>정지 시그널을 보내고, 제한 시간이 지나면 SIGKILL을 보냅니다</translation>
    </message>
    <message>
        <source>Re&amp;start</source>
        <translation>재시작(&amp;S)</translation>
    </message>
    <message>
        <source>Stop, then start again</source>
        <translation>정지한 뒤 다시 시작합니다</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>일시 정지(&amp;P)</translation>
    </message>
    <message>
        <source>Freeze every process (cgroup freezer)</source>
        <translation>모든 프로세스를 얼립니다 (cgroup freezer)</translation>
    </message>
    <message>
        <source>&amp;Unpause</source>
        <translation>다시 계속(&amp;U)</translation>
    </message>
    <message>
        <source>Thaw the frozen processes</source>
        <translation>얼린 프로세스를 다시 움직입니다</translation>
    </message>
    <message>
        <source>&amp;Kill</source>
        <translation>강제 종료(&amp;K)</translation>
    </message>
    <message>
        <source>Send SIGKILL at once</source>
        <translation>즉시 SIGKILL을 보냅니다</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>삭제(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected containers (running ones are killed)</source>
        <translation>선택한 컨테이너를 삭제합니다 (실행 중이면 강제 종료)</translation>
    </message>
    <message>
        <source>Filter by name, image or id</source>
        <translation>이름, 이미지, ID로 찾기</translation>
    </message>
    <message>
        <source>State filter</source>
        <translation>상태 필터</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>Remove %1? Its writable layer and log are deleted.</source>
        <translation>%1을(를) 삭제할까요? 쓰기 가능한 레이어와 로그가 삭제됩니다.</translation>
    </message>
    <message>
        <source>Kill %1? Its processes get SIGKILL and cannot clean up.</source>
        <translation>%1을(를) 강제 종료할까요? 프로세스가 SIGKILL을 받아 정리할 틈이 없습니다.</translation>
    </message>
    <message>
        <source>Berth</source>
        <translation>Berth</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>로그</translation>
    </message>
    <message>
        <source>Stats</source>
        <translation>통계</translation>
    </message>
    <message>
        <source>Recreated container %1</source>
        <translation>컨테이너 %1 을(를) 다시 만들었습니다</translation>
    </message>
    <message>
        <source>&amp;Edit and recreate…</source>
        <translation>편집 후 다시 만들기(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the container&apos;s ports, environment, volumes or limits: a new container replaces it</source>
        <translation>컨테이너의 포트, 환경 변수, 볼륨, 자원 제한을 바꿉니다. 새 컨테이너가 기존 컨테이너를 대신합니다</translation>
    </message>
    <message>
        <source>Edit and recreate %1</source>
        <translation>%1 편집 후 다시 만들기</translation>
    </message>
    <message>
        <source>Re&amp;create</source>
        <translation>다시 만들기(&amp;C)</translation>
    </message>
    <message>
        <source>Recreating container %1…</source>
        <translation>컨테이너 %1 을(를) 다시 만드는 중…</translation>
    </message>
    <message>
        <source>Containers cannot run in this session: Berth could not enter its rootless user namespace. Restart Berth, or start it with sudo (sudo berth-desktop).</source>
        <translation>이 세션에서는 컨테이너를 실행할 수 없습니다: Berth가 루트리스 사용자 네임스페이스에 들어가지 못했습니다. Berth를 다시 시작하거나 sudo로 시작하세요(sudo berth-desktop).</translation>
    </message>
    <message>
        <source>Containers cannot run: %1. Fix that and restart Berth, or start it with sudo (sudo berth-desktop).</source>
        <translation>컨테이너를 실행할 수 없습니다: %1. 이 문제를 해결한 뒤 Berth를 다시 시작하거나 sudo로 시작하세요(sudo berth-desktop).</translation>
    </message>
    <message>
        <source>Open a s&amp;hell</source>
        <translation>셸 열기(&amp;H)</translation>
    </message>
    <message>
        <source>A shell inside the selected running container, in the Shell tab (berth exec -it)</source>
        <translation>선택한 실행 중인 컨테이너 안의 셸을 셸 탭에서 엽니다 (berth exec -it)</translation>
    </message>
</context>
<context>
    <name>berth::ui::EventListModel</name>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>동작</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>세부 정보</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
</context>
<context>
    <name>berth::ui::EventsPage</name>
    <message>
        <source>Filter by action, container, image or exit code</source>
        <translation>동작, 컨테이너, 이미지, 종료 코드로 거르기</translation>
    </message>
    <message>
        <source>No events yet: container starts, stops and exits are listed here as they happen, whether they come from this app, the CLI or a restart policy.</source>
        <translation>아직 이벤트가 없습니다: 컨테이너의 시작, 정지, 종료가 일어나는 대로 여기에 나열됩니다. 이 앱, CLI, 재시작 정책 어디에서 왔든 마찬가지입니다.</translation>
    </message>
</context>
<context>
    <name>berth::ui::ImageListModel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%2개 중 %1개</translation>
    </message>
    <message>
        <source>Layers stored once and used by other images too</source>
        <translation>한 번만 저장되어 다른 이미지와 함께 쓰는 레이어</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>리포지토리</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Image ID</source>
        <translation>이미지 ID</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성일</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Shared layers</source>
        <translation>공유 레이어</translation>
    </message>
</context>
<context>
    <name>berth::ui::ImagesPage</name>
    <message>
        <source>&amp;Pull…</source>
        <translation>가져오기(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Load…</source>
        <translation>불러오기(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>저장(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>삭제(&amp;R)</translation>
    </message>
    <message>
        <source>P&amp;rune…</source>
        <translation>정리(&amp;U)…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>새로 고침(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Filter images</source>
        <translation>이미지 찾기(&amp;I)</translation>
    </message>
    <message>
        <source>Download an image from a registry</source>
        <translation>레지스트리에서 이미지를 내려받습니다</translation>
    </message>
    <message>
        <source>Remove the selected images; layers no other image uses are deleted</source>
        <translation>선택한 이미지를 삭제합니다. 다른 이미지가 쓰지 않는 레이어도 함께 삭제됩니다</translation>
    </message>
    <message>
        <source>Remove images that have no name (dangling)</source>
        <translation>이름이 없는 이미지(dangling)를 삭제합니다</translation>
    </message>
    <message>
        <source>Filter by repository, tag or ID</source>
        <translation>리포지토리, 태그, ID로 찾기</translation>
    </message>
    <message>
        <source>Filter images</source>
        <translation>이미지 찾기</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>No images yet. Pull one (Ctrl+P) or load an archive (Ctrl+O).</source>
        <translation>아직 이미지가 없습니다. 이미지를 가져오거나(Ctrl+P) 아카이브를 불러오세요(Ctrl+O).</translation>
    </message>
    <message>
        <source>Pulling %1…</source>
        <translation>%1 가져오는 중…</translation>
    </message>
    <message>
        <source>Saving to %1…</source>
        <translation>%1에 저장하는 중…</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 불러오는 중…</translation>
    </message>
    <message>
        <source>Remove images</source>
        <translation>이미지 삭제</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>%1을(를) 삭제할까요?</translation>
    </message>
    <message>
        <source>The name is removed. Layers that no other image uses are deleted from disk.</source>
        <translation>이름이 삭제되고, 다른 이미지가 쓰지 않는 레이어는 디스크에서 삭제됩니다.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Prune images</source>
        <translation>이미지 정리</translation>
    </message>
    <message>
        <source>Remove images that have no name?</source>
        <translation>이름이 없는 이미지를 삭제할까요?</translation>
    </message>
    <message>
        <source>Dangling images (shown as &lt;none&gt;) are left behind when a name moves to a newer image. Layers no remaining image uses are deleted.</source>
        <translation>이름이 새 이미지로 옮겨 가면 이전 이미지는 이름 없이(&lt;none&gt;) 남습니다. 남은 이미지가 쓰지 않는 레이어는 삭제됩니다.</translation>
    </message>
    <message>
        <source>Also remove every image not used by a container (--all)</source>
        <translation>컨테이너가 쓰지 않는 모든 이미지도 삭제 (--all)</translation>
    </message>
    <message>
        <source>Prune</source>
        <translation>정리</translation>
    </message>
    <message>
        <source>Save images to an archive</source>
        <translation>이미지를 아카이브로 저장</translation>
    </message>
    <message>
        <source>Image archives (*.tar)</source>
        <translation>이미지 아카이브 (*.tar)</translation>
    </message>
    <message>
        <source>Load images from an archive</source>
        <translation>아카이브에서 이미지 불러오기</translation>
    </message>
    <message>
        <source>Image archives (*.tar *.tar.gz *.tgz *.tar.zst)</source>
        <translation>이미지 아카이브 (*.tar *.tar.gz *.tgz *.tar.zst)</translation>
    </message>
    <message>
        <source>The image store cannot be used: %1</source>
        <translation>이미지 저장소를 사용할 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>berth::ui::IsolationView</name>
    <message>
        <source>Namespace</source>
        <translation>네임스페이스</translation>
    </message>
    <message>
        <source>Host inode</source>
        <translation>호스트 inode</translation>
    </message>
    <message>
        <source>Container inode</source>
        <translation>컨테이너 inode</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Namespaces of the container and the host</source>
        <translation>컨테이너와 호스트의 네임스페이스</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>자원</translation>
    </message>
    <message>
        <source>Limit (cgroup)</source>
        <translation>제한 (cgroup)</translation>
    </message>
    <message>
        <source>Usage now</source>
        <translation>현재 사용량</translation>
    </message>
    <message>
        <source>Limits and usage</source>
        <translation>제한과 사용량</translation>
    </message>
    <message>
        <source>Container:</source>
        <translation>컨테이너:</translation>
    </message>
    <message>
        <source>separate</source>
        <translation>분리됨</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>공유됨</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <source>sampling…</source>
        <translation>측정 중…</translation>
    </message>
    <message>
        <source>%1 % (100 % = one CPU)</source>
        <translation>%1 % (100 % = CPU 한 개)</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <source>CPUs</source>
        <translation>CPU 개수</translation>
    </message>
    <message>
        <source>Processes (pids)</source>
        <translation>프로세스 수 (pids)</translation>
    </message>
</context>
<context>
    <name>berth::ui::JsonTreeModel</name>
    <message>
        <source>{…} %1 keys</source>
        <translation>{…} 키 %1개</translation>
    </message>
    <message>
        <source>[…] %1 items</source>
        <translation>[…] 항목 %1개</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>필드</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
</context>
<context>
    <name>berth::ui::LayerFileModel</name>
    <message>
        <source>added</source>
        <translation>추가됨</translation>
    </message>
    <message>
        <source>modified</source>
        <translation>변경됨</translation>
    </message>
    <message>
        <source>removed (whiteout)</source>
        <translation>삭제됨 (화이트아웃)</translation>
    </message>
    <message>
        <source>opaque: hides the layers below</source>
        <translation>불투명: 아래 레이어를 가림</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
</context>
<context>
    <name>berth::ui::LayerPanel</name>
    <message>
        <source>Layer stack</source>
        <translation>레이어 스택</translation>
    </message>
    <message>
        <source>Files of the selected layer</source>
        <translation>선택한 레이어의 파일</translation>
    </message>
    <message>
        <source>Layers of %1 (base first)</source>
        <translation>%1의 레이어 (베이스부터)</translation>
    </message>
    <message>
        <source>No image selected</source>
        <translation>선택한 이미지 없음</translation>
    </message>
    <message>
        <source>Select a layer to see the files it changed.</source>
        <translation>레이어를 선택하면 그 레이어가 바꾼 파일이 보입니다.</translation>
    </message>
    <message>
        <source>Reading the layer&apos;s files…</source>
        <translation>레이어의 파일을 읽는 중…</translation>
    </message>
    <message>
        <source>This layer: %1 added, %2 modified, %3 removed (compared with the layers below).</source>
        <translation>이 레이어: 추가 %1, 변경 %2, 삭제 %3 (아래 레이어와 비교).</translation>
    </message>
</context>
<context>
    <name>berth::ui::LayerStackModel</name>
    <message>
        <source>%1 (base)</source>
        <translation>%1 (베이스)</translation>
    </message>
    <message>
        <source>(no history)</source>
        <translation>(기록 없음)</translation>
    </message>
    <message>
        <source>Blob %1
DiffID %2
ChainID %3</source>
        <translation>블롭 %1
DiffID %2
ChainID %3</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>생성 명령</translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation>공유 이미지</translation>
    </message>
</context>
<context>
    <name>berth::ui::LearnPage</name>
    <message>
        <source>Images and layers</source>
        <translation>이미지와 레이어</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>라이프 사이클</translation>
    </message>
    <message>
        <source>Layers of a running container</source>
        <translation>실행 중인 컨테이너의 레이어</translation>
    </message>
    <message>
        <source>Isolation</source>
        <translation>격리</translation>
    </message>
</context>
<context>
    <name>berth::ui::LifecycleView</name>
    <message>
        <source>Container</source>
        <translation>컨테이너</translation>
    </message>
    <message>
        <source>No containers yet: run one from the Containers page</source>
        <translation>아직 컨테이너가 없습니다: 컨테이너 페이지에서 하나 실행하세요</translation>
    </message>
    <message>
        <source>Container lifecycle</source>
        <translation>컨테이너 라이프 사이클</translation>
    </message>
    <message>
        <source>Container:</source>
        <translation>컨테이너:</translation>
    </message>
    <message>
        <source>Click a blue verb to run it on this container.</source>
        <translation>파란 동사를 누르면 이 컨테이너에 실행합니다.</translation>
    </message>
    <message>
        <source>%1 (removed)</source>
        <translation>%1 (삭제됨)</translation>
    </message>
</context>
<context>
    <name>berth::ui::LogModel</name>
    <message>
        <source>A long line of %L1 characters, shortened here. Copy (Ctrl+C) takes the whole line.</source>
        <translation>%L1자나 되는 긴 줄이라 여기서는 줄여서 보여 줍니다. 복사(Ctrl+C)하면 줄 전체가 복사됩니다.</translation>
    </message>
</context>
<context>
    <name>berth::ui::LogView</name>
    <message>
        <source>Search the log (Ctrl+F)</source>
        <translation>로그 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>로그 검색</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>정규식</translation>
    </message>
    <message>
        <source>Treat the search as a regular expression</source>
        <translation>검색어를 정규 표현식으로 해석합니다</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>대소문자 구분</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>이전 일치 항목 (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>다음 일치 항목 (Enter)</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>따라가기</translation>
    </message>
    <message>
        <source>Keep the newest line in view</source>
        <translation>가장 최근 줄이 계속 보이게 합니다</translation>
    </message>
    <message>
        <source>Container log</source>
        <translation>컨테이너 로그</translation>
    </message>
    <message>
        <source>Invalid pattern</source>
        <translation>잘못된 패턴</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>검색 중…</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>일치 항목 없음</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2개 중 %1번째</translation>
    </message>
    <message>
        <source>Select a container to see its output (berth logs).</source>
        <translation>컨테이너를 선택하면 출력이 보입니다 (berth logs).</translation>
    </message>
    <message>
        <source>%1 older lines dropped to keep memory bounded — use berth logs for the whole log.</source>
        <translation>메모리를 아끼려고 오래된 줄 %1개를 버렸습니다 — 전체 로그는 berth logs로 보세요.</translation>
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
        <translation>컨테이너</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>섹션</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>Learn</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Opening the image store…</source>
        <translation>이미지 저장소를 여는 중…</translation>
    </message>
    <message>
        <source>First start: loading the built-in demo images…</source>
        <translation>첫 실행: 내장 데모 이미지를 불러오는 중…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>설정(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Images</source>
        <translation>이미지(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Learn</source>
        <translation>학습(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Containers</source>
        <translation>컨테이너(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>이벤트(&amp;E)</translation>
    </message>
    <message>
        <source>Show &amp;console</source>
        <translation>콘솔 표시(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Berth</source>
        <translation>Berth 정보(&amp;A)</translation>
    </message>
    <message>
        <source>Store %1 · %2 snapshotter</source>
        <translation>저장소 %1 · %2 스냅샷터</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <source>Pull failed: %1</source>
        <translation>가져오기 실패: %1</translation>
    </message>
    <message>
        <source>Pulled %1</source>
        <translation>%1 가져오기 완료</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>%1 삭제함</translation>
    </message>
    <message>
        <source>Pruned: %1 reclaimed</source>
        <translation>정리 완료: %1 확보</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 저장함</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1 불러옴</translation>
    </message>
    <message>
        <source>About Berth</source>
        <translation>Berth 정보</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Berth %1&lt;/h3&gt;&lt;p&gt;A native Linux container manager that shows how images, layers and containers work.&lt;/p&gt;&lt;p&gt;Store: %2&lt;br&gt;Snapshotter: %3&lt;br&gt;Platform: %4&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Berth %1&lt;/h3&gt;&lt;p&gt;이미지, 레이어, 컨테이너가 어떻게 동작하는지 보여 주는 리눅스용 네이티브 컨테이너 관리자입니다.&lt;/p&gt;&lt;p&gt;저장소: %2&lt;br&gt;스냅샷터: %3&lt;br&gt;플랫폼: %4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Started container %1</source>
        <translation>컨테이너 %1 실행함</translation>
    </message>
    <message>
        <source>The web demo is ready to run: see the Containers page</source>
        <translation>웹 데모를 실행할 수 있습니다: 컨테이너 페이지를 보세요</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>네트워크</translation>
    </message>
    <message>
        <source>&amp;Networks</source>
        <translation>네트워크(&amp;N)</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) in %1</source>
        <translation>
            <numerusform>%1에 이미지 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::ui::NetworkConnectDialog</name>
    <message>
        <source>Connect a container to %1</source>
        <translation>%1 에 컨테이너 연결</translation>
    </message>
    <message>
        <source>optional, separated by spaces</source>
        <translation>선택 사항, 공백으로 구분</translation>
    </message>
    <message>
        <source>&amp;Container:</source>
        <translation>컨테이너(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Aliases:</source>
        <translation>별칭(&amp;A):</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>연결(&amp;O)</translation>
    </message>
    <message>
        <source>The same from a terminal:</source>
        <translation>터미널에서는 이렇게:</translation>
    </message>
</context>
<context>
    <name>berth::ui::NetworkCreateDialog</name>
    <message>
        <source>Create a network</source>
        <translation>네트워크 만들기</translation>
    </message>
    <message>
        <source>letters, digits, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;</source>
        <translation>영문자, 숫자, &apos;_&apos;, &apos;.&apos;, &apos;-&apos;</translation>
    </message>
    <message>
        <source>automatic (the next free 10.89.N.0/24)</source>
        <translation>자동 (비어 있는 다음 10.89.N.0/24)</translation>
    </message>
    <message>
        <source>the subnet&apos;s first address</source>
        <translation>서브넷의 첫 주소</translation>
    </message>
    <message>
        <source>one key=value per line</source>
        <translation>한 줄에 key=value 하나씩</translation>
    </message>
    <message>
        <source>Equivalent command</source>
        <translation>같은 일을 하는 명령</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Subnet:</source>
        <translation>서브넷(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Gateway:</source>
        <translation>게이트웨이(&amp;G):</translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation>레이블(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>만들기(&amp;C)</translation>
    </message>
    <message>
        <source>Containers on a network you create find each other by name.</source>
        <translation>직접 만든 네트워크에 있는 컨테이너들은 서로를 이름으로 찾습니다.</translation>
    </message>
    <message>
        <source>The same from a terminal:</source>
        <translation>터미널에서는 이렇게:</translation>
    </message>
</context>
<context>
    <name>berth::ui::NetworkListModel</name>
    <message>
        <source>bridge (default)</source>
        <translation>bridge (기본)</translation>
    </message>
    <message>
        <source>%1 (built-in)</source>
        <translation>%1 (기본 제공)</translation>
    </message>
    <message>
        <source>Built into Berth: it cannot be removed</source>
        <translation>Berth에 기본으로 들어 있는 네트워크라 삭제할 수 없습니다</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Network ID</source>
        <translation>네트워크 ID</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>드라이버</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>서브넷</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>게이트웨이</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>컨테이너</translation>
    </message>
</context>
<context>
    <name>berth::ui::NetworkMemberModel</name>
    <message>
        <source>An address is leased when the container starts</source>
        <translation>컨테이너가 시작될 때 주소를 할당받습니다</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>컨테이너</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>IPv4 address</source>
        <translation>IPv4 주소</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC 주소</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>별칭</translation>
    </message>
    <message>
        <source>Published ports</source>
        <translation>공개된 포트</translation>
    </message>
</context>
<context>
    <name>berth::ui::NetworksPage</name>
    <message>
        <source>Created network %1</source>
        <translation>네트워크 %1 을(를) 만들었습니다</translation>
    </message>
    <message>
        <source>Removed network %1</source>
        <translation>네트워크 %1 을(를) 삭제했습니다</translation>
    </message>
    <message>
        <source>&amp;Create network…</source>
        <translation>네트워크 만들기(&amp;C)…</translation>
    </message>
    <message>
        <source>Create a bridge network whose containers reach each other by name</source>
        <translation>컨테이너들이 서로 이름으로 통신하는 브리지 네트워크를 만듭니다</translation>
    </message>
    <message>
        <source>&amp;Remove network</source>
        <translation>네트워크 삭제(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected network (no running container may be on it)</source>
        <translation>선택한 네트워크를 삭제합니다 (실행 중인 컨테이너가 없어야 합니다)</translation>
    </message>
    <message>
        <source>C&amp;onnect container…</source>
        <translation>컨테이너 연결(&amp;O)…</translation>
    </message>
    <message>
        <source>Add a container to the selected network</source>
        <translation>선택한 네트워크에 컨테이너를 추가합니다</translation>
    </message>
    <message>
        <source>&amp;Disconnect container</source>
        <translation>컨테이너 연결 끊기(&amp;D)</translation>
    </message>
    <message>
        <source>Take the selected container off the selected network</source>
        <translation>선택한 컨테이너를 선택한 네트워크에서 뺍니다</translation>
    </message>
    <message>
        <source>Every container gets its own network namespace. On &lt;b&gt;bridge&lt;/b&gt; (the default) it has an address behind a virtual switch; &lt;b&gt;host&lt;/b&gt; shares this computer&apos;s network; &lt;b&gt;none&lt;/b&gt; has only loopback. On networks you create, containers find each other by name.</source>
        <translation>컨테이너마다 자기만의 네트워크 네임스페이스가 있습니다. &lt;b&gt;bridge&lt;/b&gt;(기본)에서는 가상 스위치 뒤에서 자기 주소를 받고, &lt;b&gt;host&lt;/b&gt;는 이 컴퓨터의 네트워크를 함께 쓰며, &lt;b&gt;none&lt;/b&gt;에는 루프백만 있습니다. 직접 만든 네트워크에서는 컨테이너들이 서로를 이름으로 찾습니다.</translation>
    </message>
    <message>
        <source>Select a network to see which containers are on it.</source>
        <translation>네트워크를 선택하면 그 네트워크에 있는 컨테이너가 보입니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · driver %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · 드라이버 %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · driver %2 · subnet %3 · gateway %4 · Linux bridge %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · 드라이버 %2 · 서브넷 %3 · 게이트웨이 %4 · 리눅스 브리지 %5</translation>
    </message>
    <message>
        <source>Containers on this network: %1</source>
        <translation>이 네트워크의 컨테이너: %1개</translation>
    </message>
    <message>
        <source>containers here reach each other by address only, not by name</source>
        <translation>여기서는 컨테이너끼리 이름이 아닌 주소로만 통신합니다</translation>
    </message>
    <message>
        <source>Berth</source>
        <translation>Berth</translation>
    </message>
    <message>
        <source>Remove network %1?</source>
        <translation>네트워크 %1 을(를) 삭제할까요?</translation>
    </message>
</context>
<context>
    <name>berth::ui::OverviewTab</name>
    <message>
        <source>Select a container</source>
        <translation>컨테이너를 선택하세요</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태 설명</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성 시각</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>종료 시각</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <source>Restart policy</source>
        <translation>재시작 정책</translation>
    </message>
    <message>
        <source>Restart count</source>
        <translation>재시작 횟수</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>종료 코드</translation>
    </message>
    <message>
        <source>Network mode</source>
        <translation>네트워크 모드</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>네트워크</translation>
    </message>
    <message>
        <source>Published ports</source>
        <translation>공개된 포트</translation>
    </message>
    <message>
        <source>Mounts</source>
        <translation>마운트</translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation>메모리 제한</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>CPU 제한</translation>
    </message>
    <message>
        <source>Process limit</source>
        <translation>프로세스 수 제한</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Container overview</source>
        <translation>컨테이너 개요</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>%1 (OOM killed: out of memory)</source>
        <translation>%1 (메모리 부족으로 강제 종료됨: OOM)</translation>
    </message>
    <message>
        <source>%1 (no address: not running)</source>
        <translation>%1 (주소 없음: 실행 중이 아님)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>tmpfs at %1</source>
        <translation>%1에 tmpfs</translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>(read-only)</source>
        <translation>(읽기 전용)</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <source>%1 CPUs</source>
        <translation>CPU %1개</translation>
    </message>
    <message>
        <source>%1 processes</source>
        <translation>프로세스 %1개</translation>
    </message>
</context>
<context>
    <name>berth::ui::PortsEditor</name>
    <message>
        <source>Add port</source>
        <translation>포트 추가</translation>
    </message>
    <message>
        <source>published on this computer only (127.0.0.1)</source>
        <translation>이 컴퓨터에서만 공개됨 (127.0.0.1)</translation>
    </message>
    <message>
        <source>any</source>
        <translation>아무 포트</translation>
    </message>
    <message>
        <source>Host port</source>
        <translation>호스트 포트</translation>
    </message>
    <message>
        <source>port</source>
        <translation>포트</translation>
    </message>
    <message>
        <source>Container port</source>
        <translation>컨테이너 포트</translation>
    </message>
    <message>
        <source>Remove this port</source>
        <translation>이 포트 제거</translation>
    </message>
</context>
<context>
    <name>berth::ui::PullDialog</name>
    <message>
        <source>Pull an image</source>
        <translation>이미지 가져오기 (pull)</translation>
    </message>
    <message>
        <source>e.g. busybox:latest or 127.0.0.1:5000/team/app:1.0</source>
        <translation>예: busybox:latest 또는 127.0.0.1:5000/team/app:1.0</translation>
    </message>
    <message>
        <source>Image reference</source>
        <translation>이미지 참조</translation>
    </message>
    <message>
        <source>Images come from a registry (Docker Hub when no host is given).</source>
        <translation>이미지는 레지스트리에서 받아 옵니다 (호스트를 적지 않으면 도커 허브).</translation>
    </message>
    <message>
        <source>Pull</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>이미지:</translation>
    </message>
    <message>
        <source>Resolving %1…</source>
        <translation>%1 확인하는 중…</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Downloading %1 / %2</source>
        <translation>내려받는 중 %1 / %2</translation>
    </message>
    <message>
        <source>Extracting %1 / %2</source>
        <translation>압축 푸는 중 %1 / %2</translation>
    </message>
    <message>
        <source>Retrying: %1</source>
        <translation>다시 시도: %1</translation>
    </message>
    <message>
        <source>Download complete</source>
        <translation>내려받기 완료</translation>
    </message>
    <message>
        <source>Pull complete</source>
        <translation>가져오기 완료</translation>
    </message>
    <message>
        <source>already exists</source>
        <translation>이미 있음</translation>
    </message>
    <message>
        <source>already exists — shared with %1</source>
        <translation>이미 있음 — %1와(과) 공유</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <source>%1 is up to date.</source>
        <translation>%1은(는) 최신 상태입니다.</translation>
    </message>
    <message>
        <source>Pulled %1 (image %2).</source>
        <translation>%1을(를) 가져왔습니다 (이미지 %2).</translation>
    </message>
    <message>
        <source>Pull failed: %1</source>
        <translation>가져오기 실패: %1</translation>
    </message>
</context>
<context>
    <name>berth::ui::RelationshipGraphView</name>
    <message>
        <source>Image and layer graph</source>
        <translation>이미지와 레이어 그래프</translation>
    </message>
    <message>
        <source>Layer %1
%2</source>
        <translation>레이어 %1
%2</translation>
    </message>
    <message>
        <source>shared by %1 images</source>
        <translation>이미지 %1개가 공유</translation>
    </message>
    <message>
        <source>Container %1 (%2): its own writable layer on top of the image&apos;s layers</source>
        <translation>컨테이너 %1 (%2): 이미지 레이어 위에 자기만의 쓰기 가능 레이어를 얹습니다</translation>
    </message>
</context>
<context>
    <name>berth::ui::RunDialog</name>
    <message>
        <source>Run a container</source>
        <translation>컨테이너 실행</translation>
    </message>
    <message>
        <source>generated when empty</source>
        <translation>비워 두면 자동으로 만듭니다</translation>
    </message>
    <message>
        <source>the image&apos;s default command</source>
        <translation>이미지의 기본 명령</translation>
    </message>
    <message>
        <source>one KEY=value per line</source>
        <translation>한 줄에 KEY=값 하나</translation>
    </message>
    <message>
        <source>Equivalent command</source>
        <translation>같은 일을 하는 명령</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>이미지(&amp;I):</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>명령(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>환경 변수(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Restart policy:</source>
        <translation>재시작 정책(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <source>The same from a terminal:</source>
        <translation>터미널에서는 이렇게:</translation>
    </message>
    <message>
        <source>Net&amp;work:</source>
        <translation>네트워크(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;Ports:</source>
        <translation>포트(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Volumes:</source>
        <translation>볼륨(&amp;V):</translation>
    </message>
    <message>
        <source>&amp;Memory limit:</source>
        <translation>메모리 제한(&amp;M):</translation>
    </message>
    <message>
        <source>CP&amp;Us:</source>
        <translation>CPU(&amp;U):</translation>
    </message>
    <message>
        <source>bridge (own address, can publish ports)</source>
        <translation>bridge (자체 주소, 포트 공개 가능)</translation>
    </message>
    <message>
        <source>host (shares this computer&apos;s network)</source>
        <translation>host (이 컴퓨터의 네트워크를 공유)</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <source>default (the bridge: own address, can publish ports)</source>
        <translation>기본값 (브리지: 자체 주소, 포트 공개 가능)</translation>
    </message>
    <message>
        <source>none (no network)</source>
        <translation>none (네트워크 없음)</translation>
    </message>
</context>
<context>
    <name>berth::ui::RunningContainerBox</name>
    <message>
        <source>Running container</source>
        <translation>실행 중인 컨테이너</translation>
    </message>
    <message>
        <source>No running container</source>
        <translation>실행 중인 컨테이너 없음</translation>
    </message>
</context>
<context>
    <name>berth::ui::RunningLayersView</name>
    <message>
        <source>Layer / path</source>
        <translation>레이어 / 경로</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Layer stack of the running container</source>
        <translation>실행 중인 컨테이너의 레이어 스택</translation>
    </message>
    <message>
        <source>Container:</source>
        <translation>컨테이너:</translation>
    </message>
    <message>
        <source>Start a container to see its layers.</source>
        <translation>컨테이너를 시작하면 레이어가 보입니다.</translation>
    </message>
    <message>
        <source>Reading the layers…</source>
        <translation>레이어를 읽는 중…</translation>
    </message>
    <message>
        <source>whiteout</source>
        <translation>화이트아웃</translation>
    </message>
    <message>
        <source>opaque directory</source>
        <translation>불투명 디렉터리</translation>
    </message>
    <message>
        <source>copy-up</source>
        <translation>복사 후 쓰기(copy-up)</translation>
    </message>
    <message>
        <source>new</source>
        <translation>새 파일</translation>
    </message>
    <message>
        <source>Writable layer (this container only)</source>
        <translation>쓰기 가능 레이어 (이 컨테이너 전용)</translation>
    </message>
    <message>
        <source>read-write</source>
        <translation>읽기/쓰기</translation>
    </message>
    <message>
        <source>Image layer %1: %2</source>
        <translation>이미지 레이어 %1: %2</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>읽기 전용</translation>
    </message>
</context>
<context>
    <name>berth::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>시스템 설정 따르기</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>언어:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>The new language is used at once.</source>
        <translation>새 언어가 바로 적용됩니다.</translation>
    </message>
</context>
<context>
    <name>berth::ui::ShellTab</name>
    <message>
        <source>S&amp;hell:</source>
        <translation>셸(&amp;H):</translation>
    </message>
    <message>
        <source>The program to run in the container; busybox images have only sh</source>
        <translation>컨테이너 안에서 실행할 프로그램입니다. busybox 이미지에는 sh만 있습니다</translation>
    </message>
    <message>
        <source>Open in system terminal</source>
        <translation>시스템 터미널에서 열기</translation>
    </message>
    <message>
        <source>Run the same berth exec -it command in the desktop&apos;s terminal</source>
        <translation>같은 berth exec -it 명령을 데스크톱 터미널에서 실행합니다</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>터미널</translation>
    </message>
    <message>
        <source>[exited %1]</source>
        <translation>[종료됨 %1]</translation>
    </message>
    <message>
        <source>&amp;Reconnect</source>
        <translation>다시 연결(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>연결(&amp;C)</translation>
    </message>
    <message>
        <source>Select a running container to open a shell in it.</source>
        <translation>셸을 열 실행 중인 컨테이너를 선택하세요.</translation>
    </message>
    <message>
        <source>%1 is not running: start it to open a shell.</source>
        <translation>%1 컨테이너가 실행 중이 아닙니다. 셸을 열려면 먼저 시작하세요.</translation>
    </message>
    <message>
        <source>No terminal program found: install one (x-terminal-emulator) or set TERMINAL.</source>
        <translation>터미널 프로그램을 찾지 못했습니다. 터미널(x-terminal-emulator)을 설치하거나 TERMINAL 환경 변수를 설정하세요.</translation>
    </message>
    <message>
        <source>Shell in %1; what you type goes to the container.</source>
        <translation>%1 안의 셸입니다. 입력하는 내용은 컨테이너로 전달됩니다.</translation>
    </message>
    <message>
        <source>The shell ended with exit code %1.</source>
        <translation>셸이 종료되었습니다 (종료 코드 %1).</translation>
    </message>
</context>
<context>
    <name>berth::ui::ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>동작</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>berth::ui::StatsPanel</name>
    <message>
        <source>seconds ago</source>
        <translation>초 전</translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU 사용률 (%)</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <source>limit</source>
        <translation>제한</translation>
    </message>
    <message>
        <source>Select a running container to chart its CPU and memory (berth stats).</source>
        <translation>실행 중인 컨테이너를 선택하면 CPU와 메모리를 차트로 보여 줍니다 (berth stats).</translation>
    </message>
    <message>
        <source>Memory (limit %1 MiB)</source>
        <translation>메모리 (제한 %1 MiB)</translation>
    </message>
</context>
<context>
    <name>berth::ui::VolumesEditor</name>
    <message>
        <source>Add volume</source>
        <translation>볼륨 추가</translation>
    </message>
    <message>
        <source>/path/on/this/computer</source>
        <translation>/이/컴퓨터의/경로</translation>
    </message>
    <message>
        <source>Host path</source>
        <translation>호스트 경로</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>폴더 선택</translation>
    </message>
    <message>
        <source>/path/in/container</source>
        <translation>/컨테이너/안의/경로</translation>
    </message>
    <message>
        <source>Container path</source>
        <translation>컨테이너 경로</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>읽기 전용</translation>
    </message>
    <message>
        <source>Remove this volume</source>
        <translation>이 볼륨 제거</translation>
    </message>
    <message>
        <source>Folder to share with the container</source>
        <translation>컨테이너와 공유할 폴더</translation>
    </message>
</context>
<context>
    <name>berth::ui::WebDemoBar</name>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Starting the web demo…</source>
        <translation>웹 데모를 시작하는 중…</translation>
    </message>
    <message>
        <source>Run the web demo? It serves a page on http://127.0.0.1:8080</source>
        <translation>웹 데모를 실행할까요? http://127.0.0.1:8080 에서 페이지를 제공합니다</translation>
    </message>
    <message>
        <source>The web demo is running: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</source>
        <translation>웹 데모가 실행 중입니다: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>The web demo did not start: %1</source>
        <translation>웹 데모가 시작되지 않았습니다: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Berth: images, layers and containers.</source>
        <translation>Berth: 이미지, 레이어, 컨테이너.</translation>
    </message>
    <message>
        <source>Store directory (default /var/lib/berth as root; env BERTH_ROOT).</source>
        <translation>저장소 디렉터리 (root일 때 기본값 /var/lib/berth, 환경 변수 BERTH_ROOT).</translation>
    </message>
    <message>
        <source>UI language for this run (en, ko).</source>
        <translation>이번 실행에서 쓸 UI 언어 (en, ko).</translation>
    </message>
    <message>
        <source>Save a picture of the window to a PNG file and quit.</source>
        <translation>창 그림을 PNG 파일로 저장하고 끝냅니다.</translation>
    </message>
    <message>
        <source>Tab of the Learn page or of the container details to show (0 = first).</source>
        <translation>보여 줄 학습 페이지 또는 컨테이너 세부 정보의 탭 (0 = 첫 번째).</translation>
    </message>
    <message>
        <source>Container to select on the Containers page.</source>
        <translation>컨테이너 페이지에서 선택할 컨테이너.</translation>
    </message>
    <message>
        <source>Page to show first: images, networks, learn, containers, events.</source>
        <translation>처음 보여 줄 페이지: images, networks, learn, containers, events.</translation>
    </message>
</context>
</TS>
