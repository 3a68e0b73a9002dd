// The Chinese column of the string table (ui/strings.cpp), in Str order: the words of a
// Chinese networking textbook (see GLOSSARY.md), with protocol names, flags, fields and
// RFC state names as a capture prints them. A test fails on a missing entry and on a
// format whose conversions differ from the English one's.
#include <array>
#include <cstddef>

#include "strings.hpp"

namespace synack::ui {

extern const std::array<const char*, static_cast<std::size_t>(Str::Count_)> kChinese;
const std::array<const char*, static_cast<std::size_t>(Str::Count_)> kChinese = {
    // AppTagline
    "一个报文段一个报文段地看 TCP 建立和释放连接",
    // Client
    "客户端",
    // Server
    "服务端",
    // Nic
    "网卡",
    // RxRing
    "接收环形缓冲区",
    // Cable
    "网线",
    // CableMore
    "网线：还有 %d 个报文段在途中，未画出",
    // CableMoreOne
    "网线：还有 1 个报文段在途中，未画出",
    // Scenario
    "场景",
    // NoScenario
    "请在上方选择一个场景。",
    // Ladder
    "时序图",
    // LadderEmpty
    "报文段以箭头显示在这里，时间自上而下。",
    // LadderHidden
    "%d 个标签因空间不足未显示：点击箭头，或缩小 (-)",
    // LadderHiddenOne
    "1 个标签因空间不足未显示：点击箭头，或缩小 (-)",
    // Help
    "帮助",
    // HelpTitle
    "键盘快捷键",
    // HelpBody
    "空格         播放 / 暂停\n"
    "右、左       下一个 / 上一个事件\n"
    "home         回到开头\n"
    "n、b         课程的下一步 / 上一步\n"
    "1 - 6        回答课程中的问题 (A = 1)\n"
    "m            时序图 / 状态机\n"
    "f            动手破坏：在播放头处注入故障、调用函数\n"
    "r  R         TCP 配置：切换 RFC / Linux（一个分支）；两者并排\n"
    "i  c  e      报文段详情、控制块和缓冲区、事件\n"
    "p            把这次运行导出为 pcap 文件 (Wireshark)\n"
    "l  L         导出时序图：整个运行为 SVG / 屏幕上的部分为 PNG\n"
    "[  和  ]     变慢 / 变快\n"
    "?  或  h     显示或隐藏本帮助\n"
    "+  和  -     演示缩放（用于投影仪）\n"
    "\n"
    "点击时序图中的箭头，查看该报文段。",
    // StateClosed
    "CLOSED",
    // Play
    "播放",
    // Pause
    "暂停",
    // Start
    "|<",
    // PrevEvent
    "< 事件",
    // NextEvent
    "事件 >",
    // Speed
    "速度",
    // SkipQuiet
    "跳过空闲时间",
    // Time
    "t =",
    // Relative
    "相对序号",
    // Inspector
    "报文段",
    // InspectorEmpty
    "点击时序图中的报文段，查看它的每个字段。",
    // NotRealTcp
    "不是真实的 TCP",
    // InFlight
    "在途中",
    // Dropped
    "已丢弃",
    // Retransmission
    "重传",
    // ScenarioError
    "这个场景无法加载：",
    // Legend
    "SYN 绿色，ACK 蓝色，FIN 橙色，RST 红色，PSH 紫色。虚线标签表示重传；带叉的灰色标签表示报文段在停下的地方被丢弃。",
    // Events
    "发生了什么",
    // ControlBlocks
    "控制块",
    // ExploreScenario
    "探索一个场景",
    // Lessons
    "课程",
    // LessonHeader
    "第 %d 课（共 %d 课）· %s",
    // StepHeader
    "第 %d 步（共 %d 步）：%s",
    // Goals
    "在这一课中你将：",
    // Predict
    "先预测：",
    // Right
    "✓ 答对了：",
    // Wrong
    "✗ 不太对。答案是：",
    // Watching
    "观察网线：时间会走到这一步的时刻并停在那里。",
    // SkipToStop
    "直接跳到那一刻",
    // OffScript
    "你已离开这一步。",
    // ReturnToStep
    "回到这一步",
    // TryIt
    "试一试",
    // TryItButton
    "运行这个变体",
    // Trying
    "正在试一个变体（课程已暂停）：",
    // BackToLesson
    "回到课程",
    // Back
    "< 上一步",
    // Next
    "下一步 >",
    // NextLesson
    "下一课 >",
    // CourseDone
    "课程全部完成。可以从上方菜单探索任意场景。",
    // LessonError
    "这一课无法加载：",
    // NotRealTcpBanner
    "不是真实的 TCP：用于对比的反事实变体",
    // RelativeNote
    "序号相对于各方的初始序号 (ISN)。",
    // StateMachines
    "状态机 (RFC 9293)",
    // RingDrops
    "已丢弃，缓冲区满：%lld",
    // MacDrops
    "已丢弃，不是本机 MAC：%lld",
    // ExperimentText
    "你的实验：根据你的改动重新模拟这次运行（过去的部分不变）。",
    // BreakIt
    "动手破坏",
    // BreakIntro
    "从播放头 (t = %s) 起。每次点击都会把未来重新模拟为一个分支。",
    // DropNextAck
    "丢弃下一个 ACK",
    // DropNextData
    "丢弃下一个数据报文",
    // DropNextFin
    "丢弃下一个 FIN",
    // DelayNextSyn
    "延迟下一个 SYN",
    // DuplicateNext
    "复制下一个报文",
    // CorruptNext
    "损坏下一个报文",
    // AppSend
    "发送 1000 字节",
    // AppClose
    "close()",
    // AppAbort
    "abort() (RST)",
    // AppKill
    "杀死进程",
    // DelayAmount
    "SYN 延迟",
    // LinkDown
    "断开网线",
    // NicOf
    "%s 的网卡（整个运行）：",
    // RingSize
    "接收环形缓冲区",
    // DrainEvery
    "取出间隔",
    // ApplyNic
    "应用网卡设置",
    // RulesInForce
    "生效的规则",
    // NoRules
    "无",
    // Undo
    "撤销",
    // Original
    "回到原始运行",
    // ExportPcap
    "导出",
    // CaptureCable
    "网线上的每一帧，每帧都标注了它的去向 (pcapng)",
    // CaptureAtFmt
    "在 %s 处抓包：只有它发出的和到达它的 (pcapng)",
    // CapturePlain
    "普通 pcap，无标注",
    // LadderSvg
    "时序图导出为 SVG：整个运行，用于幻灯片和报告",
    // LadderPng
    "时序图导出为 PNG：屏幕上的部分",
    // BranchBanner
    "你的分支：%d 处改动",
    // OpenLessonFile
    "打开课程文件...",
    // LessonPath
    "课程文件 (.toml) 的路径：",
    // Open
    "打开",
    // FileErrorTitle
    "这个课程文件没有打开",
    // Ok
    "确定",
    // TcpMemory
    "TCP：%lld 个连接，%s",
    // TcpConnections
    "TCP：%lld 个连接",
    // AppName
    "synack",
    // EthDst
    "以太网目的地址",
    // EthSrc
    "以太网源地址",
    // EtherType
    "以太网类型",
    // IpSrc
    "IP 源地址",
    // IpDst
    "IP 目的地址",
    // IpTotalLength
    "IP 总长度",
    // IpId
    "IP 标识",
    // IpFlags
    "IP 标志",
    // IpTtl
    "IP TTL",
    // IpChecksum
    "IP 校验和",
    // TcpPorts
    "TCP 端口",
    // SeqField
    "序号 seq",
    // AckField
    "确认号 ack",
    // AbsoluteFmt
    "%s（绝对值 %s）",
    // HeaderLength
    "头部长度",
    // HeaderLengthFmt
    "%d 字节（20 + %d 字节选项）",
    // FlagsField
    "标志位",
    // WindowField
    "窗口大小",
    // ChecksumField
    "校验和",
    // OptionsField
    "选项",
    // OptionsBytesFmt
    "%s（%d 字节）",
    // PayloadField
    "数据",
    // BytesFmt
    "%zu 字节",
    // ArpField
    "ARP",
    // ArpRequest
    "请求",
    // ArpReply
    "应答",
    // ArpSender
    "发送方",
    // ArpTarget
    "目标",
    // RuleNextFmt
    "%4$s 之后：%1$s %3$s 发出的下一个 %2$s",
    // AppCallAtFmt
    "%s 调用 %s，时间 %s",
    // RuleLinkDownFmt
    "从 %2$s 之后的下一个报文段起断网 %1$d ms",
    // RuleNicFmt
    "%s 的网卡：缓冲区 %d，每 %d us 取出一次（整个运行）",
    // HandmadeTitle
    "在播放头处发送一个手工构造的报文段",
    // HandmadeIntro
    "一个注入的测试报文段：它不是哪台主机的 TCP 发出的，而是从主机的网卡直接放到网线上。对端如何处理它是真实的 TCP。seq 和 ack 从发送方的连接算起。",
    // HandmadeFrom
    "发送方",
    // HandmadeFlags
    "标志位",
    // HandmadeSeq
    "seq",
    // HandmadeAck
    "ack",
    // HandmadeLen
    "数据字节数",
    // HandmadeBadChecksum
    "错误的校验和",
    // HandmadeSendFmt
    "在 t = %s 时发送",
    // RuleHandmadeFmt
    "注入：%s 在 %s 发出的手工报文段：%s",
    // InjectedBanner
    "注入的测试报文段：这次运行中有一个手工构造的报文段",
    // InjectedShort
    "注入的报文段",
    // SendBuffer
    "发送缓冲区",
    // RecvBuffer
    "接收缓冲区",
    // BufferFillFmt
    "%s/%s KB",
    // CauseListen
    "listen()",
    // CauseCloseListener
    "close()",
    // CauseConnectSendsSyn
    "connect() 发出 SYN",
    // CauseSynInListen
    "在 LISTEN 状态收到 SYN",
    // CauseTwoWayHandshake
    "发出 SYN,ACK（两次握手，不是真实的 TCP）",
    // CauseSynAckReceived
    "收到 SYN,ACK",
    // CauseSimultaneousOpen
    "在 SYN-SENT 状态收到 SYN（同时打开）",
    // CauseAckOfSynAck
    "收到对 SYN,ACK 的 ACK",
    // CauseDataAckedSynAck
    "数据报文确认了我方的 SYN,ACK",
    // CauseOurFinAcked
    "我方的 FIN 被确认",
    // CauseOurFinAckedInClosing
    "在 CLOSING 状态我方的 FIN 被确认",
    // CauseFinReceived
    "收到 FIN",
    // CauseFinAckTogether
    "收到 FIN+ACK：我方的 FIN 被确认，同时收到对方的 FIN",
    // CauseSimultaneousClose
    "在我方 FIN 被确认之前收到 FIN（同时关闭）",
    // CauseCloseSendsFin
    "close() 发出 FIN",
    // CauseClosed
    "已关闭",
    // CauseRefused
    "连接被拒绝",
    // CauseReset
    "连接被对端复位 (RST)",
    // CauseTimedOut
    "连接超时",
    // CauseAborted
    "已中止",
    // CauseGaveUp
    "放弃半开连接",
    // DropLinkDown
    "网线断开",
    // DropMacFilter
    "网卡：目的 MAC 不是本机",
    // DropRxRingFullFmt
    "网卡接收缓冲区已满（%lld 个描述符全部占用）",
    // DropTxQueueFull
    "发送队列已满",
    // DropBadChecksumFmt
    "校验和错误：%s",
    // DropMalformedFmt
    "无法解析的帧：%s",
    // DropNotForUs
    "IP 目的地址不是本机",
    // DropSwitchNoPort
    "交换机：没有通往目的地址的端口",
    // FileWarningTitle
    "这个课程文件已打开，但有警告",
    // CheckAnswer
    "检查",
    // TypeNumberHint
    "输入一个数字",
    // YouAnswered
    "你的答案：",
    // LessonHeaderNoLevel
    "第 %d 课（共 %d 课）",
    // TickedWronglyFmt
    "%c（已勾选）：",
    // NotTickedWronglyFmt
    "%c（未勾选）：",
    // DropOnPurposeFmt
    "故意丢弃：%s",
    // CostRunFmt
    "到目前为止：%s，%s（数据 %s），%.1f 个往返，连接数：%lld",
    // CostHostFmt
    "%s 发出 %s，%s；打开 %lld 个，接受 %lld 个",
    // CostHostShortFmt
    "%s：%lld",
    // CostTripsHelp
    "报文段：放到网线上的报文段，包括重传（主机名后面：它发出的）。\n"
    "字节：整个帧，包括头部。连接：由 connect() 打开的。\n"
    "往返：一串报文段中，每一个都在前一个到达之后才发出，取最长的一串，\n"
    "再除以二。一次三次握手是 1.5 个往返：SYN、SYN,ACK、ACK。",
    // SegmentsFmt
    "%d 个报文段",
    // SegmentOne
    "1 个报文段",
    // Connections
    "连接",
    // ConnHost
    "主机",
    // ConnLocal
    "本地地址",
    // ConnRemote
    "对端地址",
    // ConnState
    "状态",
    // ConnSendQ
    "Send-Q",
    // ConnRecvQ
    "Recv-Q",
    // ConnTimer
    "定时器",
    // ConnCountFmt
    "%s，时间 %s",
    // ConnSocketsFmt
    "%d 个套接字",
    // ConnSocketOne
    "1 个套接字",
    // ConnNone
    "此刻没有套接字。",
    // ConnHelp
    "就像在播放头处执行 ss -tan。Send-Q：尚未被确认或尚未发出的字节（监听套接字：\n"
    "它的 backlog）。Recv-Q：已收到、尚未读取的字节。点击表头排序。",
    // SideBySide
    "并排对比",
    // BesideLegendFmt
    "高亮：%d 个报文段只在一次运行中出现，%d 个不同；高亮的主机线：状态不同",
    // BesideOnlyHere
    "只在这次运行中：另一次运行没有这个报文段",
    // BesideDiffersFmt
    "与另一次运行不同：%s",
    // BesideOtherRun
    "同一脚本的另一次运行（在左边选择一个报文段来查看）",
    // ProfileRfc
    "RFC 9293",
    // ProfileLinux
    "Linux 6.x",
    // ProfileMixed
    "混合配置",
    // ProfileMenuFmt
    "TCP：%s",
    // ProfileRfcItem
    "RFC 9293：标准的默认值（无延迟确认，最小 RTO 1 s）",
    // ProfileLinuxItem
    "Linux 6.x：Linux 6 内核的选择（快速确认、40 ms 延迟确认、尾部丢失探测、最小 RTO 200 ms、时间戳），已用内核抓包核对",
    // ProfileBesideItem
    "RFC 与 Linux 并排对比",
    // ProfileHelp
    "这次运行使用的 TCP。r 把运行切换到另一种配置（作为分支重新模拟；两者都是真实的 TCP）；\n"
    "R 在场景下方并排显示 RFC 和 Linux。",
    // ProfileKeysFmt
    "这次运行的文件在配置之上设置了：%s",
    // ProfileSwitchedText
    "你的分支：同一个脚本，换成另一种 TCP 配置（顶部的 TCP: 显示是哪一种）。两种配置都是真实的 TCP。配置从第一个报文段起生效，所以整个运行都会重新模拟，而不只是未来；播放头停在同一时间。R 并排显示两次运行。",
    // ProfileBannerFmt
    "你的分支：%s 配置",
    // ProfileBannerEditsFmt
    "你的分支：%s 配置，%d 处改动",
    // LevelFirstSteps
    "入门",
    // LevelCore
    "核心",
    // LevelDeeper
    "深入",
};

}  // namespace synack::ui
