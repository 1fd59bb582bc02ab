<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name />
    <message>
        <location filename="../../desktop/fingerprint.py" line="53" />
        <source>发出单位：%1（%2）</source>
        <translation>Made by: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/fingerprint.py" line="55" />
        <source>设立单位：{units}；学校 {schools} 所；截止日期：{due}</source>
        <translation>Units set up: {units}; schools: {schools}; due: {due}</translation>
    </message>
    <message>
        <location filename="../../desktop/fingerprint.py" line="57" />
        <source>未设</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../desktop/fingerprint.py" line="60" />
        <source>请给%1打电话，把上面的 32 位数字逐组读给对方，请对方与其 EduPlan“数据交换 → 本单位密钥…”中的指纹核对。一致才继续；不一致说明文件不是上级发出的，或途中被换过，不要使用它。</source>
        <translation>Phone %1 and read these 32 digits out group by group; they compare them with the fingerprint in their EduPlan (Exchange → This unit's keys…). Go on only if they match; if not, the file was not made by your bureau or was swapped on the way: do not use it.</translation>
    </message>
</context>
<context>
    <name>AddSchoolDialog</name>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="82" />
        <location filename="../../desktop/pages/schools_dialogs.py" line="85" />
        <source>添加学校</source>
        <translation>Add school</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="88" />
        <source>10 位学校标识码</source>
        <translation>10-digit school identification code</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="99" />
        <source>纸质报送（由本局代为录入）</source>
        <translation>Paper submission (entered by this bureau)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="100" />
        <source>教学点</source>
        <translation>Teaching point</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="102" />
        <source>教学点登记为小学，填报小学基表。</source>
        <translation>A teaching point is registered as a primary school and fills the primary school form.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="115" />
        <source>学校代码：</source>
        <translation>School code:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="116" />
        <source>学校名称：</source>
        <translation>School name:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="117" />
        <source>所属县（市、区）：</source>
        <translation>County (city, district):</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="118" />
        <source>学校类型：</source>
        <translation>School type:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="119" />
        <source>办学性质：</source>
        <translation>Ownership:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="120" />
        <source>城乡类别：</source>
        <translation>Urban/rural category:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="121" />
        <source>报送方式：</source>
        <translation>Submission method:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="122" />
        <source>教学点：</source>
        <translation>Teaching point:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="123" />
        <source>所属学校：</source>
        <translation>School it belongs to:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="124" />
        <source>联系人：</source>
        <translation>Contact:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="125" />
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="130" />
        <source>登记(&amp;R)</source>
        <translation>&amp;Register</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="132" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="144" />
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>BureauPage</name>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="22" />
        <source>新建教育行政部门工作区</source>
        <translation>New education bureau workspace</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="23" />
        <source>选择本单位：县（市、区）、州（市）或省。</source>
        <translation>Choose your unit: a county (city, district), prefecture (city) or province.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="25" />
        <source>按名称或代码筛选，例如：会泽</source>
        <translation>Filter by name or code, e.g. 会泽</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="27" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="27" />
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="27" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="95" />
        <source>将以“%1”的身份建立工作区。</source>
        <translation>The workspace will be created as “%1”.</translation>
    </message>
</context>
<context>
    <name>ChangeSchoolDialog</name>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="196" />
        <source>修改学校</source>
        <translation>Edit school</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="201" />
        <source>改名、停办、撤并、办学性质、报送方式等按年记录：自所选年份起生效，之前各年保持原样（例如 2025 年起改名，2024 年仍显示原名）。</source>
        <translation>Renaming, closing, merging, ownership, submission method and the like are recorded by year: they hold from the chosen year on, and earlier years stay as they were (renamed from 2025, 2024 still shows the old name).</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="210" />
        <source> 年起</source>
        <translation> onwards</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="217" />
        <source>（未指定）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="218" />
        <source>纸质报送（由本局代为录入）</source>
        <translation>Paper submission (entered by this bureau)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="219" />
        <source>优质学校（本年度认定）</source>
        <translation>High-quality school (designated for the year)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="220" />
        <source>教学点</source>
        <translation>Teaching point</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="223" />
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="224" />
        <source>生效年份：</source>
        <translation>From the year:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="225" />
        <source>学校名称：</source>
        <translation>School name:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="226" />
        <source>学校类型：</source>
        <translation>School type:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="227" />
        <source>办学性质：</source>
        <translation>Ownership:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="228" />
        <source>城乡类别：</source>
        <translation>Urban/rural category:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="229" />
        <source>办学状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="230" />
        <source>并入学校：</source>
        <translation>Merged into:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="231" />
        <source>报送方式：</source>
        <translation>Submission method:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="232" />
        <source>优质学校：</source>
        <translation>High-quality school:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="233" />
        <source>教学点：</source>
        <translation>Teaching point:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="234" />
        <source>所属学校：</source>
        <translation>School it belongs to:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="239" />
        <source>联系人和电话不按年记录：改正后即为现在的联系方式。</source>
        <translation>The contact and phone are not recorded by year: once corrected they are the current ones.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="246" />
        <source>联系人：</source>
        <translation>Contact:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="247" />
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="252" />
        <source>保存修改(&amp;S)</source>
        <translation>&amp;Save changes</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="254" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_dialogs.py" line="310" />
        <source>没有修改。</source>
        <translation>Nothing was changed.</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <location filename="../../desktop/pages/chart.py" line="72" />
        <source>选择一个指标，在此查看它历年的实际值、目标和预期进度。</source>
        <translation>Select an indicator to see its actual values over the years, its targets and the expected progress here.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/chart.py" line="129" />
        <source>实际值</source>
        <translation>Actual value</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/chart.py" line="130" />
        <source>年度目标（约束性）</source>
        <translation>Annual target (binding)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/chart.py" line="131" />
        <source>最终目标</source>
        <translation>Final target</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/chart.py" line="132" />
        <source>预期进度</source>
        <translation>Expected progress</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/chart.py" line="133" />
        <source>（数值越小越好）</source>
        <translation> (lower is better)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/chart.py" line="134" />
        <source>暂无数据</source>
        <translation>No data yet</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/chart.py" line="160" />
        <source>{label} {comparator}{value}（{year}）</source>
        <translation>{label} {comparator}{value} ({year})</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="48" />
        <source>欢迎使用 EduPlan</source>
        <translation>Welcome to EduPlan</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="49" />
        <source>选择要打开的工作区。工作区是一个文件夹，保存一个单位的全部填报数据和备份。</source>
        <translation>Choose the workspace to open. A workspace is a folder that holds all of one unit's entered data and backups.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="59" />
        <source>打开演示工作区（东川区教育体育局）(&amp;D)</source>
        <translation>Open the &amp;demo workspace (Dongchuan District Education and Sports Bureau)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="60" />
        <source>39 所演示学校，2023—2025 年数据；可以随意试用。</source>
        <translation>39 demo schools with data for 2023–2025; feel free to try anything.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="61" />
        <source>以演示学校的身份打开(&amp;M)</source>
        <translation>Open as a de&amp;mo school</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="62" />
        <source>看学校一方的填报界面：从演示学校中选一所。</source>
        <translation>See data entry from the school's side: pick one of the demo schools.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="63" />
        <source>用上级发来的设立文件建立(&amp;S)</source>
        <translation>From a &amp;setup file sent by my bureau</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="64" />
        <source>上级教育行政部门用 EduPlan 生成的设立文件：建立本单位的工作区，记下上级的公钥，学校名册随之导入。</source>
        <translation>The setup file the education bureau above made with EduPlan: it makes this unit's workspace, records the bureau's public key and brings in the register of schools.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="66" />
        <source>新建教育行政部门工作区(&amp;J)</source>
        <translation>New &amp;education bureau workspace</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="67" />
        <source>县（市、区）、州（市）或省级教育行政部门。</source>
        <translation>A county (city, district), prefecture (city) or provincial education bureau.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="68" />
        <source>新建学校工作区(&amp;X)</source>
        <translation>New &amp;school workspace</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="69" />
        <source>学校在本机填报本校数据。</source>
        <translation>The school does its own data entry on this computer.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="83" />
        <source>例如：张三</source>
        <translation>e.g. Zhang San</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="84" />
        <source>操作员姓名(&amp;N)：</source>
        <translation>O&amp;perator name:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="106" />
        <source>每一次修改都会记录操作员姓名。</source>
        <translation>Every change is recorded with the operator's name.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="107" />
        <source>每一次修改都会记录操作员姓名；留空则沿用演示数据中的姓名。</source>
        <translation>Every change is recorded with the operator's name; leave it empty to keep the names in the demo data.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="115" />
        <source>打开(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="116" />
        <source>下一步(&amp;N) &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
</context>
<context>
    <name>CompletenessBoard</name>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="38" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="39" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="40" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="41" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="42" />
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="43" />
        <source>报送</source>
        <translation>Submits</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="44" />
        <source>所属县（市、区）</source>
        <translation>County (city, district)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="45" />
        <source>最近报送</source>
        <translation>Last report</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="46" />
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="48" />
        <source>联系人、电话</source>
        <translation>Contact, phone</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="76" />
        <source>纸质（本局代填）</source>
        <translation>Paper (entered by this bureau)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="76" />
        <source>自行填报</source>
        <translation>Own data entry</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="77" />
        <source>纸质</source>
        <translation>On paper</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="77" />
        <source>自行</source>
        <translation>Itself</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="82" />
        <source>逾期 %d 天</source>
        <translation>%d days overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="84" />
        <source>%d 天</source>
        <translation>%d days</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="86" />
        <source>纸质报送：双击打开填报页代为录入</source>
        <translation>Paper submission: double-click to open the data entry page and enter its data on its behalf</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="87" />
        <source>学校自行填报：请联系 %s</source>
        <translation>The school does its own data entry: please contact %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="87" />
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="102" />
        <source>纸质报送（本局代填）</source>
        <translation>Paper (entered by the bureau)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="104" />
        <source>未收到</source>
        <translation>Not received</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="110" />
        <source>最近收到：%s</source>
        <translation>Last received: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="112" />
        <source>首次合并：%s</source>
        <translation>First merged: %s</translation>
    </message>
</context>
<context>
    <name>CompletenessPage</name>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="43" />
        <source>报送进度</source>
        <translation>Submission progress</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="67" />
        <source>指定截止日期：</source>
        <translation>Set a deadline:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="68" />
        <source>不指定时用上级设立文件中的截止日期</source>
        <translation>When not set, the deadline in the parent's setup file applies</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="82" />
        <source>复制逾期名单(&amp;C)</source>
        <translation>&amp;Copy the overdue list</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="83" />
        <source>单位、代码、联系人、电话、最近报送、逾期天数，以制表符分隔，可粘贴到表格或消息中</source>
        <translation>Unit, code, contact, phone, last report, days overdue — tab-separated, to paste into a spreadsheet or a message</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="86" />
        <source>保存逾期名单(&amp;V)…</source>
        <translation>Sa&amp;ve the overdue list…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="87" />
        <source>另存为 CSV 文件（可用 Excel 打开），供催报使用</source>
        <translation>Save as a CSV file (opens in Excel) for reminders</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="101" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="104" />
        <source>未完成（未报送或草稿）</source>
        <translation>Not completed (not reported or draft)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="106" />
        <source>逾期未报送数据包</source>
        <translation>Overdue: no bundle sent</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="109" />
        <source>全部报送方式</source>
        <translation>All submission methods</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="110" />
        <source>纸质报送（由本局代填）</source>
        <translation>Paper submission (entered by this bureau)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="111" />
        <source>学校自行填报</source>
        <translation>School does its own data entry</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="114" />
        <source>按单位名称或代码筛选…</source>
        <translation>Filter by unit name or code…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="117" />
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="119" />
        <source>报送方式：</source>
        <translation>Submission method:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="131" />
        <source>回车或双击：只看这张表单的单位</source>
        <translation>Enter or double-click: show only the units of this form</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="142" />
        <source>按表单汇总</source>
        <translation>Summary by form</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="149" />
        <source>双击或回车：纸质报送的单位打开填报页代为录入；自行填报的单位显示联系人。</source>
        <translation>Double-click or Enter: for a paper-submission unit, opens the data entry page to enter its data on its behalf; for a self-reporting unit, shows the contact.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="192" />
        <source>报送进度 — %s %d年</source>
        <translation>Submission progress — %s %d</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="197" />
        <source>正在统计 %d 年的报送情况…</source>
        <translation>Counting the submissions for %d…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="224" />
        <source>应报 &lt;b&gt;%d&lt;/b&gt;</source>
        <translation>Expected &lt;b&gt;%d&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="225" />
        <source>已提交 &lt;b&gt;%d&lt;/b&gt;</source>
        <translation>Submitted &lt;b&gt;%d&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="226" />
        <source>草稿 &lt;b&gt;%d&lt;/b&gt;</source>
        <translation>Draft &lt;b&gt;%d&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="227" />
        <source>未报送 &lt;b&gt;%d&lt;/b&gt;</source>
        <translation>Not reported &lt;b&gt;%d&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="229" />
        <source>提交率 &lt;b&gt;%.0f%%&lt;/b&gt;</source>
        <translation>Submission rate &lt;b&gt;%.0f%%&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="244" />
        <source>截止日期 %s（%s）</source>
        <translation>Deadline %s (%s)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="244" />
        <source>本次指定</source>
        <translation>Set this time</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="245" />
        <source>上级设立文件</source>
        <translation>Setup file from the parent unit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="246" />
        <source>未设截止日期，不判逾期</source>
        <translation>No deadline set; nothing is overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="249" />
        <source>截至 %s；%s。直属下级自行报送 %d 个，已合并 %d 个，逾期 %d 个</source>
        <translation>As of %s; %s. Direct subordinates reporting themselves: %d, merged: %d, overdue: %d</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="333" />
        <source>只看：%s（在汇总表中再按一次回车或双击取消）</source>
        <translation>Showing only: %s (press Enter or double-click in the summary table again to clear)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="342" />
        <source>%s 自行填报（%s）。联系人：%s</source>
        <translation>%s does its own data entry (%s). Contact: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="343" />
        <source>未登记</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="345" />
        <source>；最近报送：%s</source>
        <translation>; last report: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="347" />
        <source>；%s</source>
        <translation>; %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness.py" line="358" />
        <source>无法打开 %s 的填报表，请在填报页中选择。</source>
        <translation>Cannot open the form of %s; please choose it on the Data entry page.</translation>
    </message>
</context>
<context>
    <name>ConfirmKeyDialog</name>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="40" />
        <source>核对指纹并确认</source>
        <translation>Check the fingerprint and confirm</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="47" />
        <source>请给{unit}打电话{contact}，请对方打开 EduPlan“数据交换 → 密钥”，逐组读出本单位指纹，与下面收到的指纹核对：</source>
        <translation>Phone {unit}{contact}; ask them to open Data exchange → Keys in their EduPlan and read out their fingerprint group by group; compare it with the fingerprint received, below:</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="57" />
        <source>可输入对方读出的 32 位数字，逐位比对</source>
        <translation>Type the 32 digits they read out to compare them digit by digit</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="59" />
        <source>对方读出的指纹：</source>
        <translation>Fingerprint read out:</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="66" />
        <source>我已在电话中逐组核对，对方读出的指纹与上面完全一致</source>
        <translation>I compared every group on the phone: what they read out is exactly the fingerprint above</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="69" />
        <source>确认后，{unit}暂存的 {n} 个数据包随即合并。不一致时不要确认：数据包可能不是该单位发出的，或途中被换过。</source>
        <translation>Once confirmed, the {n} bundles held from {unit} merge. Do not confirm if they differ: the bundles may not come from that unit, or were swapped on the way.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="76" />
        <source>确认密钥</source>
        <translation>Confirm the key</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="78" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="97" />
        <source>第 {group} 组不一致：不要确认，请联系对方查明。</source>
        <translation>Group {group} differs: do not confirm; find out with the other side why.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="100" />
        <source>已核对 {n} / 32 位，到此一致。</source>
        <translation>{n} / 32 digits checked, equal so far.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="103" />
        <source>✓ 32 位全部一致。</source>
        <translation>✓ All 32 digits match.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="106" />
        <source>已勾选：逐组核对一致。</source>
        <translation>Ticked: every group matched.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="108" />
        <source>输入对方读出的指纹，或核对后勾选下面的方框。</source>
        <translation>Type the fingerprint they read out, or tick the box below once compared.</translation>
    </message>
</context>
<context>
    <name>ConflictSection</name>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="44" />
        <source>代填数据与学校报送不同</source>
        <translation>Entered here, sent otherwise by the school</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="45" />
        <source>同一序号的两份数据包</source>
        <translation>Two bundles with one number</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="46" />
        <source>保留本单位的</source>
        <translation>Keep ours</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="46" />
        <source>采用收到的</source>
        <translation>Take theirs</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="48" />
        <source>导入时发现的冲突不会被悄悄覆盖：请对照两边的数据，选择保留哪一边，并写明理由（记入修改记录）。</source>
        <translation>Conflicts found on import are never overwritten silently: compare both sides, choose the one to keep and give a reason (kept in the revision history).</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="52" />
        <source>显示已处理的</source>
        <translation>Show decided ones</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="54" />
        <location filename="../../desktop/exchange_conflicts.py" line="139" />
        <source>没有未处理的冲突。</source>
        <translation>No open conflicts.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="60" />
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="61" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="62" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="63" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="64" />
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="65" />
        <source>发现时间</source>
        <translation>Found</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="66" />
        <source>处理</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="67" />
        <source>未处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="78" />
        <source>只看不同的项</source>
        <translation>Only the differences</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="86" />
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="87" />
        <source>本单位的</source>
        <translation>Ours</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="88" />
        <source>收到的</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="108" />
        <source>处理理由（必填，记入修改记录）</source>
        <translation>Reason (required; kept in the revision history)</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="110" />
        <source>保留本单位的(&amp;H)</source>
        <translation>Keep ours (&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="111" />
        <source>采用收到的(&amp;I)</source>
        <translation>Take theirs (&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="114" />
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="138" />
        <source>{n} 个未处理的冲突</source>
        <translation>{n} open conflicts</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/exchange_conflicts.py" line="167" />
        <source>两边的数值都相同；取消“只看不同的项”可看全部 %n 项。</source>
        <translation><numerusform>Both sides hold the same values; untick “Only the differences” to see all %n items.</numerusform><numerusform>Both sides hold the same values; untick “Only the differences” to see all %n items.</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="178" />
        <source>本单位为{unit}代填了 {year} 年“{form}”，{unit}又自行报送了这张表：{n} 项不同。“采用收到的”把学校的数值记为新的修改；“保留本单位的”不改任何数值。</source>
        <translation>This office entered {unit}'s {year} “{form}”, and {unit} sent the form itself: {n} items differ. Take theirs records the school's values as new revisions; Keep ours changes no value.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="182" />
        <source>{unit}的第 {sequence} 号数据包有两份内容不同的（例如同一工作区复制到了两台电脑）。“采用收到的”把后来的一份也合并进来（两份的修改都保留，同一项以修改时间较晚的为准）；“保留本单位的”只保留已合并的一份。</source>
        <translation>Two different bundles no. {sequence} came from {unit} (e.g. one workspace copied to two computers). Take theirs merges the later one too (the edits of both are kept; for each item the later edit counts); Keep ours keeps only the one merged.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="192" />
        <source>本单位为{unit}代填了 {year} 年“{form}”，{unit}又自行报送了这张表；处理时 {n} 项不同（下表是处理时两边的数值）。</source>
        <translation>This office entered {unit}'s {year} “{form}”, and {unit} sent the form itself; {n} items differed when decided (the table shows both sides as they were then).</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="195" />
        <source>学校报送的数值已记为新的修改。</source>
        <translation>The school's values were recorded as new revisions.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="196" />
        <source>本单位的数值没有改动。</source>
        <translation>This office's values were left as they were.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="198" />
        <source>{unit}的第 {sequence} 号数据包有两份内容不同的。</source>
        <translation>Two different bundles no. {sequence} came from {unit}.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="200" />
        <source>后来收到的一份也已合并。</source>
        <translation>The one received later was merged too.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="201" />
        <source>只保留了先合并的一份。</source>
        <translation>Only the one merged first was kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="202" />
        <source>{at} 由{who}选择“{keep}”。理由：{reason}</source>
        <translation>{at}: {who} chose “{keep}”. Reason: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="226" />
        <source>（未报送）</source>
        <translation>(not sent)</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="245" />
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="246" />
        <source>生成时间</source>
        <translation>Made</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="247" />
        <source>收到时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="248" />
        <source>文件 SHA-256</source>
        <translation>File SHA-256</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="249" />
        <source>内容 SHA-256</source>
        <translation>Content SHA-256</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="263" />
        <source>请写明处理理由。</source>
        <translation>Please give a reason.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="273" />
        <source>正在处理冲突 {id}…</source>
        <translation>Deciding conflict {id}…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="278" />
        <source>采用收到的数据包：请输入本工作区的密钥口令。</source>
        <translation>Take the received bundle: enter the passphrase of this workspace's keys.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_conflicts.py" line="285" />
        <source>冲突 {id} 已处理：{keep}。</source>
        <translation>Conflict {id} decided: {keep}.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="49" />
        <location filename="../../desktop/pages/dashboard.py" line="199" />
        <source>指标看板</source>
        <translation>Indicator dashboard</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="55" />
        <source>↑ 上一级</source>
        <translation>↑ Up one level</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="57" />
        <source>返回上一级单位（Alt+↑）</source>
        <translation>Back to the higher-level unit (Alt+↑)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="75" />
        <source>筛选指标名称…</source>
        <translation>Filter indicator names…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="79" />
        <source>全部指标</source>
        <translation>All indicators</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="79" />
        <source>有目标的指标</source>
        <translation>Indicators with targets</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="79" />
        <source>未达标、滞后或逾期</source>
        <translation>Not met, behind schedule or overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="80" />
        <source>已达标或进度正常</source>
        <translation>Met or on track</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="80" />
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="84" />
        <source>指标：</source>
        <translation>Indicators:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="65" />
        <source>颜色：红 未达标/逾期 · 黄 进度滞后 · 绿 达标/进度正常；* 部分单位未报送；悬停单元格查看分子、分母和覆盖</source>
        <translation>Colours: red not met/overdue · amber behind schedule · green met/on track; * some units have not reported; hover over a cell for the numerator, denominator and coverage</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="105" />
        <source>选择一个指标查看详情</source>
        <translation>Select an indicator to see its details</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="167" />
        <source>正在计算 %1 %2 年及以前的指标…</source>
        <translation>Computing the indicators of %1 up to %2…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="195" />
        <source>回到 %s</source>
        <translation>Back to %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="200" />
        <source>%1 年及以前有数据或目标的年份</source>
        <translation>Years up to %1 with data or targets</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="280" />
        <source>%d / %d 项</source>
        <translation>%d / %d items</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="326" />
        <source>%s：本单位此指标没有规划目标。</source>
        <translation>%s: this unit has no plan target for this indicator.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard.py" line="334" />
        <source>“%s”是里程碑或不采集的指标，没有可画的数值。</source>
        <translation>“%s” is a milestone or an indicator that is not collected; there are no values to plot.</translation>
    </message>
</context>
<context>
    <name>DemoSchoolPage</name>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="160" />
        <source>以演示学校的身份打开</source>
        <translation>Open as a demo school</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="161" />
        <source>从东川区的演示学校中选一所；会为它建立一个学校工作区（含演示数据）。</source>
        <translation>Pick one of Dongchuan District's demo schools; a school workspace (with demo data) will be created for it.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="163" />
        <source>按名称或代码筛选</source>
        <translation>Filter by name or code</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="166" />
        <source> · 纸质报送</source>
        <translation> · paper submission</translation>
    </message>
</context>
<context>
    <name>EntryPage</name>
    <message>
        <location filename="../../desktop/pages/entry.py" line="27" />
        <source>填报</source>
        <translation>Data entry</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="37" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="38" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="39" />
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="40" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="41" />
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="49" />
        <source>双击或按回车打开</source>
        <translation>Double-click or press Enter to open</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="52" />
        <source>打开(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="55" />
        <source>每填一项立即保存；红色为错误（未保存），琥珀色为需说明原因的警告。</source>
        <translation>Each entry is saved at once; red marks an error (not saved), amber a warning that needs an explanation.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="86" />
        <source>本单位</source>
        <translation>This unit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="96" />
        <location filename="../../desktop/pages/entry.py" line="240" />
        <source>纸质报送学校</source>
        <translation>Paper-submission school</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages/entry.py" line="121" />
        <source>错误 %n</source>
        <translation><numerusform>Errors: %n</numerusform><numerusform>Errors: %n</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages/entry.py" line="123" />
        <source>待说明警告 %n</source>
        <translation><numerusform>Warnings to explain: %n</numerusform><numerusform>Warnings to explain: %n</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages/entry.py" line="125" />
        <source>必填未填 %n</source>
        <translation><numerusform>Required, empty: %n</numerusform><numerusform>Required, empty: %n</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="127" />
        <source>尚未填写</source>
        <translation>Not filled in yet</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="128" />
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="136" />
        <source>%1 · %2 年</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/entry.py" line="138" />
        <source>本单位的表单，以及由本单位代为录入的纸质报送学校</source>
        <translation>This unit's forms, and the paper-submission schools whose data it enters on their behalf</translation>
    </message>
</context>
<context>
    <name>ExchangeActions</name>
    <message>
        <location filename="../../desktop/exchange.py" line="228" />
        <source>本单位密钥…</source>
        <translation>This unit's keys…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="229" />
        <source>导出数据包…</source>
        <translation>Export bundle…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="230" />
        <source>导入数据包…</source>
        <translation>Import bundles…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="237" />
        <source>数据交换(&amp;X)</source>
        <translation>E&amp;xchange</translation>
    </message>
</context>
<context>
    <name>ExchangeOutcome</name>
    <message>
        <location filename="../../desktop/exchange.py" line="32" />
        <source>已合并</source>
        <translation>Merged</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="33" />
        <source>重复（无变化）</source>
        <translation>Duplicate (no change)</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="34" />
        <source>较旧（已保留，未采用）</source>
        <translation>Older (kept, not applied)</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="35" />
        <source>待确认</source>
        <translation>Pending confirmation</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="36" />
        <source>有冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="37" />
        <source>已拒收</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <location filename="../../desktop/exchange_page.py" line="50" />
        <source>数据交换</source>
        <translation>Data exchange</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_page.py" line="51" />
        <source>数据以加密文件传递（U 盘、微信、电子邮件都可以）：只有收件单位能打开，收件单位能确认文件来自发件单位、途中没有被改动。</source>
        <translation>Data travels as encrypted files (USB stick, WeChat or e-mail all work): only the receiving office can open them, and it can be sure they come from the sender and were not changed on the way.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_page.py" line="68" />
        <source>上报</source>
        <translation>Send up</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_page.py" line="70" />
        <source>接收</source>
        <translation>Receive</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_page.py" line="71" />
        <source>待确认</source>
        <translation>Pending confirmation</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_page.py" line="72" />
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_page.py" line="73" />
        <source>密钥</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_page.py" line="75" />
        <source>设立下级</source>
        <translation>Set up units</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_page.py" line="110" />
        <source>本单位是最高一级，没有上级单位可以报送。</source>
        <translation>This unit is at the top: there is no parent office to send to.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_page.py" line="118" />
        <source>学校没有下级单位，不接收数据包。</source>
        <translation>A school has no units below it and receives no bundles.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_page.py" line="161" />
        <source>另一项数据交换正在进行，请等它完成。</source>
        <translation>Another exchange is running; please wait until it is done.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_page.py" line="201" />
        <source>正在取消…（当前文件处理完即停止）</source>
        <translation>Cancelling… (stops after the current file)</translation>
    </message>
</context>
<context>
    <name>ExchangeSection</name>
    <message>
        <location filename="../../desktop/exchange_section.py" line="89" />
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
</context>
<context>
    <name>FindingDetail</name>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="92" />
        <source>在上方列表中选择一条，查看目标、实际值、差距、原文和补齐所需。</source>
        <translation>Select an entry in the list above to see the target, actual value, gap, original text and what it takes to close the gap.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="106" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="106" />
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="107" />
        <source>实际</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="107" />
        <source>差距</source>
        <translation>Gap</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="108" />
        <source>较上年</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="108" />
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="109" />
        <source>补齐所需</source>
        <translation>To close the gap</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="109" />
        <source>同组目标</source>
        <translation>Same group</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="110" />
        <source>数据说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="110" />
        <location filename="../../desktop/pages/finding_detail.py" line="213" />
        <source>原文</source>
        <translation>Original text</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="111" />
        <source>出处</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="123" />
        <location filename="../../desktop/pages/finding_detail.py" line="209" />
        <location filename="../../desktop/pages/finding_detail.py" line="213" />
        <source>：</source>
        <translation>:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="152" />
        <source>差距详情</source>
        <translation>Shortfall details</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="163" />
        <source>{status}（{note}）</source>
        <translation>{status} ({note})</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="170" />
        <source>；同组另有约束性目标</source>
        <translation>; another target of its group binds</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="172" />
        <source>{label}：{requirement}（{relation}：{source}{binding}）</source>
        <translation>{label}: {requirement} ({relation}: {source}{binding})</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="180" />
        <source>{year} 年无数据</source>
        <translation>No data for {year}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="182" />
        <source>{year} 年 {value}{unit}；本年无数据</source>
        <translation>{year}: {value}{unit}; no data this year</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="185" />
        <source>{year} 年 {value}{unit}，变化 {change}{unit}</source>
        <translation>{year}: {value}{unit}, change {change}{unit}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="195" />
        <source>—（此项无法折算为具体数量）</source>
        <translation>— (this cannot be converted into a concrete quantity)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="198" />
        <source>在“里程碑完成情况”表中填报（完成的填写完成日期）</source>
        <translation>Fill in the milestones form (with the date for one that is done)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="199" />
        <source>在报表中如实填报</source>
        <translation>Report it in the form</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="202" />
        <source>完成该事项，并在“里程碑完成情况”表中填写完成日期</source>
        <translation>Complete the item and enter the completion date in the “Milestone completion” form</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="203" />
        <source>完成该事项，并在报表中如实填报</source>
        <translation>Complete the item and report it truthfully in the form</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="207" />
        <source>（数据中未附说明）</source>
        <translation>(no explanation given in the data)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="209" />
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="210" />
        <source>{requirement}（据{excerpt}）</source>
        <translation>{requirement} (from {excerpt})</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="239" />
        <source>{label}：{requirement}（{plan}）：{status}</source>
        <translation>{label}: {requirement} ({plan}): {status}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="243" />
        <source>与约束性目标的不同：{note}</source>
        <translation>How it differs from the binding target: {note}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="249" />
        <source>已完成（{day}）</source>
        <translation>Completed ({day})</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="251" />
        <source>无数据：本期未填报里程碑完成情况</source>
        <translation>No data: the milestones form was not filled in for the period</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="252" />
        <source>未完成</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="254" />
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="260" />
        <source>；报送覆盖 {pct}</source>
        <translation>; reporting coverage {pct}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="270" />
        <source>（相对目标 {pct}）</source>
        <translation> ({pct} relative to the target)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="262" />
        <source>（数据不全：有单位未报送）</source>
        <translation> (incomplete: some units have not reported)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="55" />
        <source>本年：{pace}；{year} 年：{target}</source>
        <translation>this year: {pace}; by {year}: {target}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="58" />
        <source>本年：{pace}</source>
        <translation>this year: {pace}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="272" />
        <source>；数值越小越好</source>
        <translation>; lower is better</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="278" />
        <source>已过截止日期 {deadline}，尚未完成</source>
        <translation>Past the deadline {deadline}, not yet completed</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="280" />
        <source>逾期完成（截止 {deadline}）</source>
        <translation>Completed late (due {deadline})</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="281" />
        <source>截止 {deadline}</source>
        <translation>Due {deadline}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="283" />
        <source>进度正常</source>
        <translation>On track</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="283" />
        <source>进度滞后</source>
        <translation>Behind schedule</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="284" />
        <source>按进度 {year} 年应达 {value}{unit}：{state}</source>
        <translation>Expected by {year} on schedule: {value}{unit}; {state}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="287" />
        <source>国家标准（每年适用），按标准值判断</source>
        <translation>National standard (applies every year), judged against its value</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="289" />
        <source>已到目标年，按最终目标判断</source>
        <translation>Target year reached; judged against the final target</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/finding_detail.py" line="290" />
        <source>首个报送年份，尚无进度可比</source>
        <translation>First reporting year; no progress to compare yet</translation>
    </message>
</context>
<context>
    <name>FindingFilters</name>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="62" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="69" />
        <location filename="../../desktop/pages/shortfalls_filters.py" line="124" />
        <source>全部指标</source>
        <translation>All indicators</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="71" />
        <location filename="../../desktop/pages/shortfalls_filters.py" line="143" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="73" />
        <source>单位名称或代码</source>
        <translation>Unit name or code</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="76" />
        <source>显示全部（含已达标）(&amp;A)</source>
        <translation>Show &amp;all (including met)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="77" />
        <source>严重程度(&amp;V)</source>
        <translation>Se&amp;verity</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="78" />
        <source>指标(&amp;I)</source>
        <translation>&amp;Indicator</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="79" />
        <source>状态(&amp;T)</source>
        <translation>Sta&amp;tus</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="80" />
        <source>单位(&amp;U)</source>
        <translation>&amp;Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="93" />
        <source>按严重程度：本单位的问题在前；下级单位按各自最严重的问题排列，同一单位的问题排在一起，最严重的在前。</source>
        <translation>By severity: this unit's own findings first; the units below in the order of their worst finding, each unit's findings together, the worst first.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="96" />
        <source>降序(&amp;D)</source>
        <translation>&amp;Descending</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="97" />
        <source>排序(&amp;O)</source>
        <translation>S&amp;ort by</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="190" />
        <source>显示 {shown} 条（差距 {short} 条，共 {total} 条）</source>
        <translation>Showing {shown} ({short} shortfalls, {total} in all)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_filters.py" line="192" />
        <source>没有符合条件的条目（差距 {short} 条，共 {total} 条）</source>
        <translation>No matching entries ({short} shortfalls, {total} in all)</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="197" />
        <source>EduPlan — 首次运行</source>
        <translation>EduPlan — First run</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="198" />
        <source>EduPlan — 新建或打开工作区</source>
        <translation>EduPlan — New or open a workspace</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="228" />
        <source>建立并打开(&amp;F)</source>
        <translation>Create and &amp;open</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="229" />
        <source>打开(&amp;F)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="219" />
        <source>下一步(&amp;N) &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="220" />
        <source>建立工作区(&amp;C)</source>
        <translation>&amp;Create the workspace</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="221" />
        <source>&lt; 上一步(&amp;B)</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard.py" line="222" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FolderRow</name>
    <message>
        <location filename="../../desktop/pages/wizard_parts.py" line="71" />
        <source>浏览(&amp;B)…</source>
        <translation>B&amp;rowse…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_parts.py" line="80" />
        <source>工作区文件夹(&amp;F)：</source>
        <translation>Workspace &amp;folder:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_parts.py" line="93" />
        <source>选择工作区文件夹</source>
        <translation>Choose the workspace folder</translation>
    </message>
</context>
<context>
    <name>FormHeader</name>
    <message>
        <location filename="../../desktop/pages/form_header.py" line="20" />
        <source>请选择要填写的表单</source>
        <translation>Choose a form to fill in</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_header.py" line="30" />
        <source>沿用上年数据(&amp;L)</source>
        <translation>Carry over &amp;last year's values</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_header.py" line="31" />
        <source>把上年的值填入本年尚未填写的字段（标记为“沿用”，请逐项核实）</source>
        <translation>Carry over last year's values into this year's empty fields (marked “carried over”; please check each one)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_header.py" line="32" />
        <source>字段历史(&amp;H)</source>
        <translation>Field &amp;history</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_header.py" line="33" />
        <source>当前字段的每一次修改（Ctrl+H）</source>
        <translation>Every change to the current field (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_header.py" line="34" />
        <source>提交(&amp;S)</source>
        <translation>&amp;Submit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_header.py" line="35" />
        <source>冻结当前数据并提交；有错误、未说明的警告或必填项未填时不能提交</source>
        <translation>Freeze the current data and submit; not possible while there are errors, unexplained warnings or empty required fields</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_header.py" line="36" />
        <source>修改(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_header.py" line="37" />
        <source>已提交的表是只读的：退回草稿以修改（记录在审计日志中），改完需要重新提交</source>
        <translation>A submitted form is read-only: take it back to draft to change it (recorded in the audit log), then submit it again</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages/form_header.py" line="59" />
        <source>改正 %n 处错误</source>
        <translation><numerusform>correct %n error(s)</numerusform><numerusform>correct %n error(s)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages/form_header.py" line="61" />
        <source>说明 %n 条警告</source>
        <translation><numerusform>explain %n warning(s)</numerusform><numerusform>explain %n warning(s)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages/form_header.py" line="63" />
        <source>填写 %n 个必填项</source>
        <translation><numerusform>fill in %n required field(s)</numerusform><numerusform>fill in %n required field(s)</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_header.py" line="64" />
        <source>提交前需要：</source>
        <translation>Before submitting: </translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_header.py" line="67" />
        <source>已提交，数据已冻结（只读）；如需修改，请点“修改”。</source>
        <translation>Submitted; the data is frozen (read-only). To change it, click “Edit”.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_header.py" line="70" />
        <source>没有待处理的问题，可以提交。</source>
        <translation>No open problems; ready to submit.</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <location filename="../../desktop/pages/form_fields.py" line="96" />
        <source>说明原因：</source>
        <translation>Explanation:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_fields.py" line="99" />
        <source>警告需要写明原因才能提交，例如：新校区投入使用</source>
        <translation>A warning needs an explanation before you can submit, e.g. a new campus opened</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_page.py" line="147" />
        <source>%1 · %2 年 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_page.py" line="162" />
        <source>请选择要填写的表单</source>
        <translation>Choose a form to fill in</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_page.py" line="146" />
        <source>点击一个字段，这里显示它的填报口径。</source>
        <translation>Click a field to see its data entry definition here.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_fields.py" line="330" />
        <source>截止 %1</source>
        <translation>Due %1</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_fields.py" line="341" />
        <source>本单位在这张表上没有需要填写的项目。</source>
        <translation>This unit has nothing to fill in on this form.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_fields.py" line="254" />
        <source>计算字段，自动得出</source>
        <translation>Calculated field, filled in automatically</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_fields.py" line="258" />
        <source>（未填）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_fields.py" line="260" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_fields.py" line="261" />
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_fields.py" line="284" />
        <source>从日历选择日期</source>
        <translation>Pick a date from the calendar</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_issues.py" line="100" />
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_issues.py" line="104" />
        <source>上年：</source>
        <translation>Last year: </translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_issues.py" line="139" />
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_issues.py" line="141" />
        <source>警告（已说明）</source>
        <translation>Warning (explained)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_issues.py" line="140" />
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_issues.py" line="98" />
        <source>单位：%1</source>
        <translation>Unit: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_issues.py" line="142" />
        <source>必填未填</source>
        <translation>Required, empty</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_actions.py" line="74" />
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_actions.py" line="91" />
        <source>该表已提交过；修改后回到草稿状态，需要重新提交。</source>
        <translation>This form had been submitted; after the change it is back in draft and must be submitted again.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_actions.py" line="113" />
        <source>没有可沿用的数据：上年填写过的各项本年都已填写（沿用只填入尚未填写的字段）。</source>
        <translation>Nothing to carry over: every field filled last year is filled this year (carrying over fills only empty fields).</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_actions.py" line="137" />
        <source>已退回草稿，可以修改；改完需要重新提交。</source>
        <translation>Back to draft and editable; submit it again when done.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_actions.py" line="153" />
        <source>无法提交：有未保存的错误值，请先改正标红的字段。</source>
        <translation>Cannot submit: there are unsaved invalid values; please correct the fields marked in red first.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_actions.py" line="118" />
        <source>已沿用上年数据 %1 项（标记为“沿用”，请逐项核实）</source>
        <translation>Carried over last year's values for %1 field(s) (marked “carried over”; please check each one)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_actions.py" line="163" />
        <source>……另有 %1 项</source>
        <translation>…and %1 more</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_actions.py" line="165" />
        <source>无法提交，以下问题需要先处理：</source>
        <translation>Cannot submit; these problems must be dealt with first:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_actions.py" line="172" />
        <source>没有修改，未重复提交：这些数据已于 %1 提交。</source>
        <translation>Nothing changed, not submitted again: this data was submitted on %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_actions.py" line="179" />
        <source>已提交。</source>
        <translation>Submitted.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_actions.py" line="189" />
        <source>请先点击一个字段，再查看它的历史。</source>
        <translation>Click a field first, then view its history.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_fields.py" line="197" />
        <source>（已说明）</source>
        <translation> (explained)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_fields.py" line="203" />
        <source>沿用上年数据，请核实</source>
        <translation>Last year's value carried over; please check</translation>
    </message>
</context>
<context>
    <name>FormSummary</name>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="149" />
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="150" />
        <source>应报</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="151" />
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="152" />
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="153" />
        <source>未报送</source>
        <translation>Not reported</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="23" />
        <source>字段历史：</source>
        <translation>Field history: </translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="26" />
        <source>填报</source>
        <translation>Data entry</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="26" />
        <source>沿用上年</source>
        <translation>Carried over from last year</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="27" />
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="27" />
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="29" />
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="30" />
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="32" />
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="34" />
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="35" />
        <source>操作员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="36" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="37" />
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="52" />
        <source>这个字段还没有任何修改记录。</source>
        <translation>This field has no recorded changes yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_history.py" line="54" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="25" />
        <source>学校代码</source>
        <translation>School code</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="26" />
        <source>学校名称</source>
        <translation>School name</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="27" />
        <source>所属县</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="28" />
        <source>学校类型</source>
        <translation>School type</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="29" />
        <source>办学性质</source>
        <translation>Ownership</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="30" />
        <source>城乡</source>
        <translation>Urban/rural</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="31" />
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="32" />
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="33" />
        <source>纸质报送</source>
        <translation>Reports on paper</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="34" />
        <source>教学点</source>
        <translation>Teaching point</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="35" />
        <source>所属学校</source>
        <translation>School it belongs to</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="74" />
        <source>导入名单预览</source>
        <translation>Import preview</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="81" />
        <source>导入名单预览：%s</source>
        <translation>Import preview: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="89" />
        <source>名单中没有学校（只有表头）。</source>
        <translation>The list has no schools (only the header).</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="91" />
        <source>共 %d 行：可导入 %d 行，有错误 %d 行。有错误时不导入任何学校：请在文件中改正标红的行，保存后用“导入名单…”重新选择这个文件。</source>
        <translation>%d rows: %d can be imported, %d have errors. While any row has an error no school is imported: correct the rows in red in the file, save it, and choose the file again with “Import list…”.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="96" />
        <source>共 %d 行，全部可以导入。点“导入”登记这 %d 所学校；在此之前不保存任何内容。</source>
        <translation>%d rows, all can be imported. Click “Import” to register these %d schools; nothing is saved before.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="105" />
        <source>全部行</source>
        <translation>All rows</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="106" />
        <source>只看有错误的行</source>
        <translation>Only rows with errors</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="108" />
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="115" />
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="116" />
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="117" />
        <source>原因</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="132" />
        <source>第%d行：%s</source>
        <translation>Row %d: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="135" />
        <source>要在文件中改正的行（可复制）：</source>
        <translation>Rows to correct in the file (can be copied):</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="142" />
        <source>导入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="144" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="149" />
        <source>有错误的行改正之前不能导入</source>
        <translation>Nothing can be imported until the rows with errors are corrected</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="163" />
        <source>可导入</source>
        <translation>Can be imported</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools_import.py" line="163" />
        <source>有错误</source>
        <translation>Has errors</translation>
    </message>
</context>
<context>
    <name>IndicatorModel</name>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="44" />
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="44" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="48" />
        <source>目标（★约束性）</source>
        <translation>Target (★ binding)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="47" />
        <source>最新状态</source>
        <translation>Latest status</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="72" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="72" />
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="78" />
        <source>截止 %s</source>
        <translation>Due %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="78" />
        <source>%d年完成</source>
        <translation>Done in %d</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="88" />
        <source>（国家标准，每年适用）</source>
        <translation> (national standard, every year)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="89" />
        <source>（%d年）</source>
        <translation> (%d)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="92" />
        <source> 等%d项</source>
        <translation> · %d targets</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="98" />
        <source>%s（%d）</source>
        <translation>%s (%d)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="115" />
        <source>标准差 %s / 加权均值 %s</source>
        <translation>Standard deviation %s / weighted mean %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="118" />
        <source>分子 %s / 分母 %s</source>
        <translation>Numerator %s / denominator %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="125" />
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="127" />
        <source>覆盖 %d/%d 个单位（%.0f%%）</source>
        <translation>Coverage %d/%d units (%.0f%%)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="129" />
        <source>，部分单位未报送</source>
        <translation>, some units have not reported</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="131" />
        <source>覆盖 %.0f%%</source>
        <translation>Coverage %.0f%%</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="135" />
        <source>%d年目标</source>
        <translation>%d target</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="136" />
        <source>%s %s（%s：%s）</source>
        <translation>%s %s (%s: %s)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="168" />
        <source>★ 约束性目标：本年判断同一指标的几项目标中最严格的一项</source>
        <translation>★ Binding target: the strictest of the targets judging the same indicator this year</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="140" />
        <source>：%s</source>
        <translation>: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="143" />
        <source>，本年应达 %s</source>
        <translation>, expected this year: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="148" />
        <source>与约束性目标的不同：%s</source>
        <translation>How it differs from the binding target: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="153" />
        <source>%s · %d年：无数据</source>
        <translation>%s · %d: no data</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="155" />
        <source>%s · %d年：%s</source>
        <translation>%s · %d: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="161" />
        <source>本年没有适用的目标</source>
        <translation>No applicable target this year</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_model.py" line="166" />
        <source>%s：没有规划目标</source>
        <translation>%s: no planned targets</translation>
    </message>
</context>
<context>
    <name>IssuesPanel</name>
    <message>
        <location filename="../../desktop/pages/form_issues.py" line="49" />
        <location filename="../../desktop/pages/form_issues.py" line="53" />
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_issues.py" line="70" />
        <source>填报说明</source>
        <translation>Data entry notes</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_issues.py" line="72" />
        <source>点击一个字段，这里显示它的填报口径。</source>
        <translation>Click a field to see its data entry definition here.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/form_issues.py" line="87" />
        <source>问题（错误 %1 · 待说明警告 %2 · 必填未填 %3）</source>
        <translation>Problems (errors %1 · warnings to explain %2 · required, empty %3)</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <location filename="../../desktop/exchange.py" line="122" />
        <source>本单位密钥</source>
        <translation>This unit's keys</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="131" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>KeysSection</name>
    <message>
        <location filename="../../desktop/exchange_send.py" line="197" />
        <source>备份密钥(&amp;B)…</source>
        <translation>&amp;Back up keys…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="198" />
        <source>更换口令(&amp;P)…</source>
        <translation>Change &amp;passphrase…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="206" />
        <source>已知的密钥（上级与下级单位）：</source>
        <translation>Keys known (parent office and units below):</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="207" />
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="207" />
        <source>待确认</source>
        <translation>Pending confirmation</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="208" />
        <source>已停用</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="209" />
        <source>上级</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="209" />
        <source>下级</source>
        <translation>Below</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="211" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="212" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="213" />
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="214" />
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="215" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="216" />
        <source>确认时间</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="221" />
        <source>还没有其他单位的密钥：导入上级的设立文件、或收到下级的数据包后，它们的密钥列在这里。</source>
        <translation>No other unit's key yet: the keys of the parent office (from its setup file) and of the units below (from their bundles) are listed here.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="244" />
        <source>已建立密钥。请牢记口令：忘记口令将无法发送和接收数据，请及时备份密钥。</source>
        <translation>Keys created. Remember the passphrase: without it no data can be sent or received. Back up the keys soon.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="250" />
        <source>正在建立密钥…</source>
        <translation>Creating the keys…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="254" />
        <source>设置保护本单位密钥的口令（至少 8 个字符，可以用中文、字母、数字和符号）。以后每次导出、导入数据包都要输入它。</source>
        <translation>Set the passphrase that protects this unit's keys (at least 8 characters: Chinese, letters, digits and symbols all work). It is asked each time bundles are exported or imported.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="264" />
        <source>备份密钥</source>
        <translation>Back up keys</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="265" />
        <source>EduPlan 密钥备份 (*.eduplan-keys)</source>
        <translation>EduPlan key backups (*.eduplan-keys)</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="269" />
        <source>文件“{path}”已存在，不会覆盖；请换一个文件名。</source>
        <translation>The file “{path}” exists and is not overwritten; choose another name.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="274" />
        <source>已备份密钥：{path}
指纹：{fingerprint}
请把文件和它的口令分开保管（例如文件存 U 盘，口令记在纸上锁在柜里）。</source>
        <translation>Keys backed up: {path}
Fingerprint: {fingerprint}
Keep the file and its passphrase apart (e.g. the file on a USB stick, the passphrase on paper in a locked cupboard).</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="280" />
        <source>正在备份密钥…</source>
        <translation>Backing up the keys…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="284" />
        <source>设置备份文件的口令（至少 8 个字符）。恢复密钥时要用它；请与备份文件分开保管。</source>
        <translation>Set the backup file's passphrase (at least 8 characters). It is needed to restore the keys; keep it apart from the file.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="287" />
        <source>备份密钥：请输入本工作区的密钥口令。</source>
        <translation>Back up the keys: enter the passphrase of this workspace's keys.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="297" />
        <source>已更换口令。指纹不变：{fingerprint}</source>
        <translation>Passphrase changed. The fingerprint stays: {fingerprint}</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="302" />
        <source>正在更换口令…</source>
        <translation>Changing the passphrase…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="305" />
        <source>设置新的口令（至少 8 个字符）。</source>
        <translation>Set the new passphrase (at least 8 characters).</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="308" />
        <source>更换口令：请输入现在的口令。</source>
        <translation>Change the passphrase: enter the current one.</translation>
    </message>
</context>
<context>
    <name>KeysView</name>
    <message>
        <location filename="../../desktop/exchange.py" line="61" />
        <source>本工作区还没有密钥。

密钥用来给报送的数据包加密、签名：只有上级能打开，上级也能确认数据包确实来自本单位。建立密钥时请设置一个口令（至少 8 个字符）；忘记口令将无法发送和接收数据。</source>
        <translation>This workspace has no keys yet.

The keys encrypt and sign the bundles this unit sends: only the parent office can open them, and it can be sure they come from this unit. Creating the keys asks for a passphrase (at least 8 characters); without it no data can be sent or received.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="66" />
        <source>建立密钥…</source>
        <translation>Create keys…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="76" />
        <source>本单位指纹：</source>
        <translation>This unit's fingerprint:</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="79" />
        <source>与上级或下级单位通电话时，请逐组读出、核对这 32 位数字；一致才说明对方收到的是本单位的密钥。</source>
        <translation>On the phone with the parent office or a unit below, read out these 32 digits group by group and compare them; only if they match does the other side have this unit's key.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="88" />
        <source>复制指纹</source>
        <translation>Copy fingerprint</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="112" />
        <source>第 {generation} 代密钥，建立于 {at}（{by}）
私钥保护：{kdf}</source>
        <translation>Key generation {generation}, created {at} ({by})
Private keys protected by: {kdf}</translation>
    </message>
</context>
<context>
    <name>LateList</name>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="204" />
        <source>没有逾期的单位。</source>
        <translation>No unit is overdue.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="207" />
        <source>已复制 %d 个逾期单位的名单（单位、代码、联系人、电话、最近报送、逾期天数）。</source>
        <translation>Copied the list of %d overdue units (unit, code, contact, phone, last report, days overdue).</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="217" />
        <source>逾期名单已保存：%s（%d 个单位）</source>
        <translation>Overdue list saved: %s (%d units)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="224" />
        <source>逾期名单-%s-%d.csv</source>
        <translation>overdue-%s-%d.csv</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="225" />
        <source>保存逾期名单</source>
        <translation>Save the overdue list</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/completeness_board.py" line="227" />
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
</context>
<context>
    <name>Levels</name>
    <message>
        <location filename="../../desktop/models.py" line="214" />
        <source>省</source>
        <translation>Province</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="215" />
        <source>州（市）</source>
        <translation>Prefecture (city)</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="216" />
        <source>县（市、区）</source>
        <translation>County (city, district)</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="217" />
        <source>学校</source>
        <translation>School</translation>
    </message>
</context>
<context>
    <name>Lists</name>
    <message>
        <location filename="../../desktop/models.py" line="230" />
        <source>{a}、{b}</source>
        <translation>{a}, {b}</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="237" />
        <source>%s（%s）</source>
        <translation>%s (%s)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="36" />
        <source>填报</source>
        <translation>Data entry</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="38" />
        <source>本校指标</source>
        <translation>School indicators</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="40" />
        <source>学校名录</source>
        <translation>School register</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="42" />
        <source>报送进度</source>
        <translation>Submission progress</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="44" />
        <source>指标看板</source>
        <translation>Indicator dashboard</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="46" />
        <source>优质均衡</source>
        <translation>Quality balance</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="48" />
        <source>差距清单</source>
        <translation>Shortfalls</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="51" />
        <source>数据交换（加密文件）</source>
        <translation>Data exchange (encrypted files)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="171" />
        <source>{org} · {role} · 操作员：{operator}</source>
        <translation>{org} · {role} · Operator: {operator}</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="173" />
        <source>EduPlan 教育规划填报与目标核查</source>
        <translation>EduPlan · Education plan data entry and target checking</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="170" />
        <source>（演示）</source>
        <translation> (demo)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="199" />
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="202" />
        <source> 年份 </source>
        <translation> Year </translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="207" />
        <source>  核查日期 </source>
        <translation>  Check date </translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="208" />
        <source>判断目标和截止日期是否到期、是否逾期所用的日期（默认今天）；选一个过去的日期，可以看到当时的核查结果</source>
        <translation>The date against which targets and deadlines are judged due or overdue (today by default); choose a past date to see the check as it stood then</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="214" />
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="270" />
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="275" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="276" />
        <source>诊断信息</source>
        <translation>Diagnostic information</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="279" />
        <source>关于 EduPlan</source>
        <translation>About EduPlan</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="281" />
        <source>EduPlan：教育高质量发展三年行动计划 指标填报与目标核查。</source>
        <translation>EduPlan: indicator data entry and target checking for the Three-Year Action Plan for High-Quality Development of Education.</translation>
    </message>
</context>
<context>
    <name>MyTargetsPage</name>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="48" />
        <source>本校指标</source>
        <translation>School indicators</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="53" />
        <source>只看未达标(&amp;G)</source>
        <translation>Show only &amp;gaps</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="60" />
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="61" />
        <source>学段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="62" />
        <source>实际</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="63" />
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="65" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="66" />
        <source>差距</source>
        <translation>Gap</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="67" />
        <source>怎样补足</source>
        <translation>How to close the gap</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="74" />
        <source>选择一行，查看目标的原文和出处。</source>
        <translation>Select a row to see the target's original text and source.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="88" />
        <source>正在核查……</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="96" />
        <source>正在核查本校指标……</source>
        <translation>Checking the school's indicators…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="107" />
        <source>{org} · {year} 年 · 截至 {as_of}：{counts}</source>
        <translation>{org} · {year} · as of {as_of}: {counts}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/my_targets.py" line="111" />
        <source>{org} · {year} 年：没有适用于本校的目标，或本年尚无数据。</source>
        <translation>{org} · {year}: no target applies to this school, or there is no data for the year yet.</translation>
    </message>
</context>
<context>
    <name>OutcomeTable</name>
    <message>
        <location filename="../../desktop/exchange.py" line="161" />
        <source>学校 {schools}，表 {entries}，修改 {revisions}，提交 {submissions}，数值 {values}</source>
        <translation>schools {schools}, forms {entries}, revisions {revisions}, submissions {submissions}, values {values}</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="181" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="182" />
        <source>发送单位</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="183" />
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="185" />
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="186" />
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="202" />
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="204" />
        <source>共 {n} 个文件：{counts}</source>
        <translation>{n} files: {counts}</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange.py" line="205" />
        <source>无</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <location filename="../../desktop/exchange_section.py" line="93" />
        <location filename="../../desktop/pages/base.py" line="120" />
        <source>程序内部错误，已记录在日志中。未保存的内容不受影响。</source>
        <translation>Internal program error; it has been written to the log. Unsaved content is not affected.</translation>
    </message>
</context>
<context>
    <name>ParentSetupDialog</name>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="130" />
        <source>导入上级的设立文件</source>
        <translation>Import the parent unit's setup file</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="152" />
        <source>上级单位的指纹：</source>
        <translation>The bureau's fingerprint:</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="166" />
        <source>指纹一致，导入(&amp;I)</source>
        <translation>Fingerprints match, &amp;import</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="168" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="193" />
        <source>这个设立文件是为{units}生成的，不包括本单位（{org}）。</source>
        <translation>This setup file was made for {units} and does not include this unit ({org}).</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="196" />
        <source>设立文件来自{sender}，不是本单位的上级单位。</source>
        <translation>The setup file comes from {sender}, which is not this unit's parent.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="199" />
        <source>这是恢复文件，用于在新电脑上重建学校的工作区：请用“文件 → 新建工作区… → 用上级发来的设立文件建立”，选择一个新的文件夹。</source>
        <translation>This is a recovery file, to rebuild a school's workspace on a new computer: use “File → New workspace… → From a setup file sent by the parent unit” and choose a new folder.</translation>
    </message>
</context>
<context>
    <name>ParentSetupImport</name>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="312" />
        <source>选择上级发来的设立文件</source>
        <translation>Choose the setup file sent by the parent unit</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="313" />
        <source>EduPlan 设立文件 (*.eduplan-setup);;所有文件 (*)</source>
        <translation>EduPlan setup files (*.eduplan-setup);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="336" />
        <source>本工作区还没有密钥：设置保护本单位密钥的口令（至少 8 个字符，可以用中文、字母、数字和符号）。以后每次导出、导入数据包都要输入它。</source>
        <translation>This workspace has no key yet: set the passphrase that protects this unit's key (at least 8 characters; Chinese, letters, digits and symbols all work). You will enter it for every bundle exported or imported.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="347" />
        <source>正在导入上级的设立文件…</source>
        <translation>Importing the parent unit's setup file…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="353" />
        <source>已导入{parent}的设立文件：已记下上级的公钥（指纹 {fingerprint}）。</source>
        <translation>Imported the setup file of {parent}: the parent's public key is recorded (fingerprint {fingerprint}).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/exchange_setup.py" line="356" />
        <source>学校名册：新增 %n 所学校</source>
        <translation><numerusform>Register of schools: %n schools added</numerusform><numerusform>Register of schools: %n schools added</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="357" />
        <source>截止日期：{due}</source>
        <translation>Due: {due}</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="357" />
        <source>未设</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="359" />
        <source>已为本单位建立密钥，本单位指纹：{fingerprint}。上级首次收到本单位的数据包时，会请你读出这个指纹。</source>
        <translation>This unit's key is made; its fingerprint: {fingerprint}. When the parent unit first receives a bundle from this unit, they will ask you to read this fingerprint out.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../desktop/passphrase.py" line="92" />
        <source>设置密钥口令</source>
        <translation>Set the passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/passphrase.py" line="92" />
        <source>输入密钥口令</source>
        <translation>Enter the passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/passphrase.py" line="107" />
        <source>口令：</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop/passphrase.py" line="111" />
        <source>再输入一次：</source>
        <translation>Once more:</translation>
    </message>
    <message>
        <location filename="../../desktop/passphrase.py" line="113" />
        <source>显示口令</source>
        <translation>Show passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/passphrase.py" line="124" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/passphrase.py" line="125" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/passphrase.py" line="161" />
        <source>请再输入一次，确认没有输错。</source>
        <translation>Type it once more, to be sure it has no typo.</translation>
    </message>
    <message>
        <location filename="../../desktop/passphrase.py" line="163" />
        <source>两次输入的口令不一致。</source>
        <translation>The two passphrases differ.</translation>
    </message>
    <message>
        <location filename="../../desktop/passphrase.py" line="166" />
        <source>✓ 口令可以使用。请牢记：忘记口令将无法发送和接收数据。</source>
        <translation>✓ The passphrase can be used. Remember it: without it no data can be sent or received.</translation>
    </message>
    <message>
        <location filename="../../desktop/passphrase.py" line="181" />
        <source>请输入口令。</source>
        <translation>Please enter the passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop/passphrase.py" line="189" />
        <source>正在验证口令…</source>
        <translation>Checking the passphrase…</translation>
    </message>
    <message>
        <location filename="../../desktop/passphrase.py" line="220" />
        <source>程序内部错误，已记录在日志中。</source>
        <translation>Internal error; it was written to the log.</translation>
    </message>
</context>
<context>
    <name>PendingSection</name>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="205" />
        <source>下级单位第一次报送（或更换了密钥）时，它的数据包暂存在这里。请给该单位打电话核对指纹，一致后确认：暂存的数据包随即合并。</source>
        <translation>When a unit below sends for the first time (or with new keys), its bundles are held here. Phone the unit and compare the fingerprint; confirm if it matches, and the held bundles merge.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="208" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="209" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="210" />
        <source>收到的指纹</source>
        <translation>Fingerprint received</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="211" />
        <source>暂存数据包</source>
        <translation>Held bundles</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="212" />
        <source>首次收到</source>
        <translation>First received</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="219" />
        <source>核对指纹并确认(&amp;C)…</source>
        <translation>&amp;Check fingerprint and confirm…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="227" />
        <source>没有待确认的密钥。</source>
        <translation>No keys await confirmation.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="262" />
        <source>（联系人：{contact}，电话：{phone}）</source>
        <translation> (contact: {contact}, phone: {phone})</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="274" />
        <source>正在确认{unit}的密钥并合并暂存的数据包…</source>
        <translation>Confirming the key of {unit} and merging its held bundles…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="277" />
        <source>确认{unit}的密钥：请输入本工作区的密钥口令。</source>
        <translation>Confirm the key of {unit}: enter the passphrase of this workspace's keys.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="284" />
        <source>已确认{unit}的密钥（指纹 {fingerprint}）。</source>
        <translation>Confirmed the key of {unit} (fingerprint {fingerprint}).</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="288" />
        <source>{n} 个暂存的数据包已合并。</source>
        <translation>{n} held bundles merged.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="291" />
        <source>{n} 个暂存的数据包与已导入的相同，没有变化。</source>
        <translation>{n} held bundles were the same as ones imported before: nothing changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="294" />
        <source>{n} 个暂存的数据包比已合并的旧，已保留在历史中，未采用。</source>
        <translation>{n} held bundles were older than one merged already: kept in the history, not used.</translation>
    </message>
</context>
<context>
    <name>ProgressStrip</name>
    <message>
        <location filename="../../desktop/pages/base.py" line="28" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReceiveSection</name>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="52" />
        <source>导入下级单位报送的数据包（.eduplan）：选择文件或整个文件夹（如 U 盘），也可以把文件或文件夹拖到窗口上。每个文件单独处理并给出结果；同一批文件导入多少次结果都一样。</source>
        <translation>Import the bundles (.eduplan) sent by the units below: choose files or a whole folder (a USB stick), or drop files or folders on the window. Each file is handled on its own and gets an outcome; importing the same files again changes nothing.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="55" />
        <source>选择文件(&amp;F)…</source>
        <translation>Choose &amp;files…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="56" />
        <source>选择文件夹(&amp;D)…</source>
        <translation>Choose a fol&amp;der…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="72" />
        <source>还没有导入。</source>
        <translation>Nothing imported yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="107" />
        <source>选择数据包</source>
        <translation>Choose bundles</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="108" />
        <source>EduPlan 数据包 (*.eduplan)</source>
        <translation>EduPlan bundles (*.eduplan)</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="114" />
        <source>选择存放数据包的文件夹</source>
        <translation>Choose the folder holding the bundles</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="61" />
        <source>暂存的数据包：使用了本程序当时不认识的表单版本（更新 EduPlan 后重新处理），或发送单位的密钥还待确认（确认后即合并）。</source>
        <translation>Bundles on hold: they use a form version this program did not know then (process them again after updating EduPlan), or the sender's key is still to be confirmed (merged once confirmed).</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="77" />
        <source>重新处理暂存的数据包（{n}）</source>
        <translation>Process the bundles on hold again ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="97" />
        <source>正在重新处理暂存的数据包…</source>
        <translation>Processing the bundles on hold again…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="101" />
        <source>重新处理暂存的数据包：请输入本工作区的密钥口令。</source>
        <translation>Process the bundles on hold again: enter this workspace's key passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="133" />
        <source>所选位置没有 EduPlan 数据包（.eduplan 文件）。</source>
        <translation>There are no EduPlan bundles (.eduplan files) there.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="141" />
        <source>正在导入 {n} 个数据包…</source>
        <translation>Importing {n} bundles…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="144" />
        <source>正在导入第 {i} / {n} 个：{name}</source>
        <translation>Importing {i} / {n}: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="147" />
        <source>导入 {n} 个数据包：请输入本工作区的密钥口令。</source>
        <translation>Import {n} bundles: enter the passphrase of this workspace's keys.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="153" />
        <source>；已取消，其余 {n} 个没有导入</source>
        <translation>; cancelled, the other {n} not imported</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="157" />
        <source>已取消。已处理完的文件保留其结果，其余文件没有导入。</source>
        <translation>Cancelled. The files already done keep their outcome; the others were not imported.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="163" />
        <source>导入完成。</source>
        <translation>Import done.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="174" />
        <source>{n} 个数据包待确认：请到“待确认”电话核对指纹后确认，暂存的数据包随即合并。</source>
        <translation>{n} bundles await confirmation: under Pending confirmation, check the fingerprint on the phone and confirm; the held bundles then merge.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="177" />
        <source>{n} 个数据包使用了本程序不认识的表单版本，已暂存：更新 EduPlan 后在“接收”点“重新处理暂存的数据包”。</source>
        <translation>{n} bundles use a form version this EduPlan does not know and are on hold: after updating EduPlan, click “Process the bundles on hold again” under Receive.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="182" />
        <source>{n} 个数据包有冲突：其余数据已合并，冲突请到“冲突”处理。</source>
        <translation>{n} bundles have conflicts: the rest merged; decide the conflicts under Conflicts.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="185" />
        <source>{n} 个数据包有冲突：请到“冲突”对照两边后处理。</source>
        <translation>{n} bundles have conflicts: compare both sides under Conflicts and decide.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="189" />
        <source>{n} 个文件已拒收，什么也没有改变：原因见表中“说明”；文件已移入工作区的隔离文件夹（inbox/quarantine）。</source>
        <translation>{n} files were rejected and changed nothing: the reason is in the table's Explanation; the files were moved to the workspace's quarantine folder (inbox/quarantine).</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="192" />
        <source>{n} 个数据包已拒收，什么也没有改变；文件已移入工作区的隔离文件夹（inbox/quarantine）。</source>
        <translation>{n} bundles were rejected and nothing changed; the files were moved to the workspace's quarantine folder (inbox/quarantine).</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_receive.py" line="194" />
        <source>第 {sequence} 号：{reason}</source>
        <translation>No. {sequence}: {reason}</translation>
    </message>
</context>
<context>
    <name>RestoreCodeDialog</name>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="221" />
        <source>恢复码</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="225" />
        <source>已生成恢复文件：{path}</source>
        <translation>Recovery file made: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="229" />
        <source>恢复码：</source>
        <translation>Recovery code:</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="234" />
        <source>请通过电话把恢复码读给学校（不要和文件一起发送）；恢复码只显示这一次</source>
        <translation>Read the recovery code to the school by phone (never send it with the file); it is shown only this once</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="241" />
        <source>学校在新电脑上用“新建工作区 → 用上级发来的设立文件建立”选择这个文件，再输入恢复码，本单位保存的该校全部数据就恢复到新的工作区。</source>
        <translation>On the new computer the school chooses this file under “New workspace → From a setup file sent by the parent unit” and enters the recovery code; all of the school's data this unit holds is restored into the new workspace.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_dialogs.py" line="247" />
        <source>已记下，关闭</source>
        <translation>Noted, close</translation>
    </message>
</context>
<context>
    <name>SchoolGridModel</name>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="29" />
        <source>高学历教师</source>
        <translation>Teachers with higher degrees</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="30" />
        <source>骨干教师</source>
        <translation>Backbone teachers</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="31" />
        <source>体艺教师</source>
        <translation>PE and art teachers</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="32" />
        <source>教学用房</source>
        <translation>Teaching space</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="33" />
        <source>体育场馆</source>
        <translation>Sports facilities</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="34" />
        <source>仪器设备值</source>
        <translation>Equipment value</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="35" />
        <source>多媒体教室</source>
        <translation>Multimedia classrooms</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="36" />
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="37" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="38" />
        <source>学段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="39" />
        <source>学校结论</source>
        <translation>School result</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="40" />
        <source>本学段达标</source>
        <translation>Met in this stage</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="43" />
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="124" />
        <source>%s（%s）</source>
        <translation>%s (%s)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="126" />
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="127" />
        <source>达到标准</source>
        <translation>Meets the standard</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="128" />
        <source>未达标准，但不低于标准的 %.0f%%</source>
        <translation>Below the standard, but not below %.0f%% of it</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="129" />
        <source>低于标准的 %.0f%%</source>
        <translation>Below %.0f%% of the standard</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi_grid.py" line="130" />
        <source>实际 %s，标准 ≥ %s，为标准的 %.0f%%：%s</source>
        <translation>Actual %s, standard ≥ %s, %.0f%% of the standard: %s</translation>
    </message>
</context>
<context>
    <name>SchoolPage</name>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="125" />
        <source>新建学校工作区</source>
        <translation>New school workspace</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="126" />
        <source>先选学校所在的县（市、区），再填写学校的基本信息。带 * 的为必填。</source>
        <translation>First choose the school's county (city, district), then fill in the school's basic information. Fields marked * are required.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="136" />
        <source>10 位学校标识码</source>
        <translation>10-digit school identification code</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="146" />
        <source>所在县（市、区）(&amp;C) *</source>
        <translation>&amp;County (city, district) *</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="147" />
        <source>学校代码(&amp;D) *</source>
        <translation>School co&amp;de *</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="148" />
        <source>学校名称(&amp;N) *</source>
        <translation>School na&amp;me *</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="149" />
        <source>学校类型(&amp;T) *</source>
        <translation>School &amp;type *</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="150" />
        <source>办学性质(&amp;O) *</source>
        <translation>O&amp;wnership *</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="151" />
        <source>城乡类别(&amp;U) *</source>
        <translation>&amp;Urban/rural category *</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="152" />
        <source>联系人(&amp;L)</source>
        <translation>Contact &amp;person</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="153" />
        <source>联系电话(&amp;P)</source>
        <translation>Contact p&amp;hone</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_new.py" line="154" />
        <source>工作区文件夹(&amp;F)</source>
        <translation>Workspace &amp;folder</translation>
    </message>
</context>
<context>
    <name>SchoolValues</name>
    <message>
        <location filename="../../desktop/models.py" line="175" />
        <source>幼儿园</source>
        <translation>Kindergarten</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="176" />
        <source>小学</source>
        <translation>Primary school</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="177" />
        <source>初中</source>
        <translation>Junior secondary school</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="178" />
        <source>九年一贯制</source>
        <translation>Nine-year school</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="179" />
        <source>完全中学</source>
        <translation>Complete secondary school</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="180" />
        <source>普通高中</source>
        <translation>Senior secondary school</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="181" />
        <source>中职</source>
        <translation>Secondary vocational school</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="182" />
        <source>特殊教育学校</source>
        <translation>Special education school</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="183" />
        <source>公办</source>
        <translation>Public</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="184" />
        <source>普惠性民办</source>
        <translation>Private, inclusive (puhui)</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="185" />
        <source>非普惠性民办</source>
        <translation>Private, not inclusive</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="186" />
        <source>城区</source>
        <translation>Urban</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="187" />
        <source>镇区</source>
        <translation>Town</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="188" />
        <source>乡村</source>
        <translation>Rural</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="189" />
        <source>在办</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="190" />
        <source>停办</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="191" />
        <source>撤并</source>
        <translation>Merged</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="193" />
        <source>学校名称</source>
        <translation>School name</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="194" />
        <source>学校类型</source>
        <translation>School type</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="195" />
        <source>办学性质</source>
        <translation>Ownership</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="196" />
        <source>城乡类别</source>
        <translation>Urban/rural category</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="197" />
        <source>办学状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="198" />
        <source>并入学校</source>
        <translation>Merged into</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="199" />
        <source>纸质报送</source>
        <translation>Reports on paper</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="200" />
        <source>优质学校</source>
        <translation>High-quality school</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="201" />
        <source>教学点</source>
        <translation>Teaching point</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="202" />
        <source>所属学校</source>
        <translation>School it belongs to</translation>
    </message>
</context>
<context>
    <name>SchoolsPage</name>
    <message>
        <location filename="../../desktop/pages/schools.py" line="43" />
        <source>学校名录</source>
        <translation>School register</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="48" />
        <source>按学校名称、代码或联系人筛选…</source>
        <translation>Filter by school name, code or contact…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="51" />
        <source>添加学校(&amp;A)…</source>
        <translation>&amp;Add school…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="53" />
        <source>修改(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="54" />
        <source>自某年起改名、停办、撤并、改办学性质或报送方式；改正联系人和电话</source>
        <translation>From a year on: rename, close, merge, change ownership or submission method; correct the contact and phone</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="57" />
        <source>导入名单(&amp;I)…</source>
        <translation>&amp;Import list…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="59" />
        <source>从 Excel（.xlsx）或 CSV 名单登记学校。表头：学校代码、学校名称、所属县、学校类型（必填），办学性质、城乡、联系人、联系电话、纸质报送（是/否）、教学点（是/否）、所属学校。导入前先预览，每一行是否可导入、错在哪里。</source>
        <translation>Register schools from an Excel (.xlsx) or CSV list. Header: 学校代码, 学校名称, 所属县, 学校类型 (required), 办学性质, 城乡, 联系人, 联系电话, 纸质报送 (是/否), 教学点 (是/否), 所属学校. A preview shows first whether each row can be imported and what is wrong.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="73" />
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="74" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="76" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="77" />
        <source>办别</source>
        <translation>Ownership</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="78" />
        <source>城乡</source>
        <translation>Urban/rural</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="158" />
        <source>教学点</source>
        <translation>Teaching point</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="80" />
        <source>办学状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="75" />
        <source>所属县（市、区）</source>
        <translation>County (city, district)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="79" />
        <source>报送</source>
        <translation>Submits</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="81" />
        <source>联系人、电话</source>
        <translation>Contact, phone</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="87" />
        <source>双击或回车：修改</source>
        <translation>Double-click or Enter: edit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="119" />
        <source>学校名录 — %s %d年</source>
        <translation>School register — %s %d</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="129" />
        <source>正在读取学校名录…</source>
        <translation>Reading the school register…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="142" />
        <source>还没有登记学校。用“导入名单…”从 Excel 或 CSV 名单一次登记，或用“添加学校…”逐所登记；登记后，报送进度和填报页即列出这些学校。</source>
        <translation>No schools registered yet. Use “Import list…” to register them from an Excel or CSV list at once, or “Add school…” one by one; the submission progress and data entry pages then list them.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="153" />
        <source>是（属%s）</source>
        <translation>Yes (of %s)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="154" />
        <location filename="../../desktop/pages/schools.py" line="183" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="157" />
        <source>教学点（属%s）</source>
        <translation>Teaching point (of %s)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="161" />
        <source>撤并（并入%s）</source>
        <translation>Merged (into %s)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="167" />
        <source>纸质报送</source>
        <translation>Reports on paper</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="167" />
        <source>自行报送</source>
        <translation>Reports itself</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="168" />
        <source>纸质</source>
        <translation>On paper</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="168" />
        <source>自行</source>
        <translation>Itself</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="177" />
        <source>%d 年起 %s</source>
        <translation>From %d: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="183" />
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="185" />
        <location filename="../../desktop/pages/schools.py" line="250" />
        <location filename="../../desktop/pages/schools.py" line="251" />
        <location filename="../../desktop/pages/schools.py" line="347" />
        <location filename="../../desktop/pages/schools.py" line="348" />
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="188" />
        <source>%s：%s</source>
        <translation>%s: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="198" />
        <source>共 %d 所（在办 %d 所，其中纸质报送 %d 所、教学点 %d 个）；显示 %d 所</source>
        <translation>%d schools (%d open, of which %d on paper and %d teaching points); %d shown</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="243" />
        <source>选中一所学校：这里是它的全部信息和历年变更。</source>
        <translation>Select a school: all it is and its changes by year are shown here.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="252" />
        <source>%s（%s）：%s；%s</source>
        <translation>%s (%s): %s; %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="253" />
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="255" />
        <source>；所属 %s</source>
        <translation>; in %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="257" />
        <source>变更：</source>
        <translation>Changes: </translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="324" />
        <source>正在登记学校…</source>
        <translation>Registering the school…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="325" />
        <source>已登记：%s（%s）</source>
        <translation>Registered: %s (%s)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="331" />
        <source>请先在表中选择一所学校。</source>
        <translation>Select a school in the table first.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="344" />
        <source>自 %d 年起 %s</source>
        <translation>from %d: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="250" />
        <location filename="../../desktop/pages/schools.py" line="347" />
        <source>联系人 %s，电话 %s</source>
        <translation>contact %s, phone %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="349" />
        <source>已保存 %s（%s）的修改：%s</source>
        <translation>Saved the changes of %s (%s): %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="257" />
        <location filename="../../desktop/pages/schools.py" line="350" />
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="357" />
        <source>正在保存修改…</source>
        <translation>Saving the changes…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="363" />
        <source>选择学校名单</source>
        <translation>Choose a school list</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="364" />
        <source>学校名单 (*.xlsx *.csv);;Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>School lists (*.xlsx *.csv);;Excel workbooks (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="381" />
        <source>正在检查 %s …</source>
        <translation>Checking %s…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="385" />
        <source>无法导入：%s</source>
        <translation>Cannot import: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="396" />
        <source>正在登记 %d 所学校…</source>
        <translation>Registering %d schools…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/schools.py" line="397" />
        <source>已从 %s 登记 %d 所学校</source>
        <translation>From %s: registered %d schools</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <location filename="../../desktop/exchange_section.py" line="130" />
        <source>另一项数据交换正在进行，请等它完成。</source>
        <translation>Another exchange is running; please wait until it is done.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_section.py" line="139" />
        <source>本工作区还没有密钥。请先在“密钥”中建立密钥。</source>
        <translation>This workspace has no keys yet. Create them under Keys first.</translation>
    </message>
</context>
<context>
    <name>SendSection</name>
    <message>
        <location filename="../../desktop/exchange_send.py" line="62" />
        <source>本单位：</source>
        <translation>This unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="63" />
        <source>报送给：</source>
        <translation>Sends to:</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="64" />
        <source>上级指纹：</source>
        <translation>Parent's fingerprint:</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="65" />
        <source>年度：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="68" />
        <source>数据包包含本单位这一年的全部数据（含每一次修改和提交的记录、已合并的下级数据），加密后只有上级能打开。可以直接保存到 U 盘，也可以用微信或电子邮件发送。</source>
        <translation>A bundle holds all of this unit's data of the year (every revision and submission, and what was merged from below), encrypted so that only the parent office can open it. Save it straight to a USB stick, or send it by WeChat or e-mail.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="71" />
        <source>导出到(&amp;E)…</source>
        <translation>&amp;Export to…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="73" />
        <source>打开所在文件夹</source>
        <translation>Open the folder</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="81" />
        <source>已导出的数据包：</source>
        <translation>Bundles exported:</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="83" />
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="84" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="85" />
        <source>报送给</source>
        <translation>Sent to</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="86" />
        <source>生成时间</source>
        <translation>Made</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="87" />
        <source>操作员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="88" />
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="93" />
        <source>还没有导出过数据包。</source>
        <translation>No bundle exported yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="104" />
        <source>%s（%s）</source>
        <translation>%s (%s)</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="119" />
        <source>与上级通电话时核对过的指纹（来自上级的设立文件）。</source>
        <translation>The fingerprint checked on the phone with the parent office (from its setup file).</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="152" />
        <source>导出数据包</source>
        <translation>Export bundle</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="153" />
        <source>EduPlan 数据包 (*.eduplan)</source>
        <translation>EduPlan bundles (*.eduplan)</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="159" />
        <source>文件“{path}”已存在，不会覆盖；请换一个文件名。</source>
        <translation>The file “{path}” exists and is not overwritten; choose another name.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="164" />
        <source>正在导出 {year} 年的数据包…</source>
        <translation>Exporting the bundle of {year}…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="169" />
        <source>导出 {year} 年的数据包：请输入本工作区的密钥口令。</source>
        <translation>Export the bundle of {year}: enter the passphrase of this workspace's keys.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_send.py" line="176" />
        <source>已生成数据包：{path}
报送：{recipient}；{year} 年；第 {sequence} 号
内容：学校 {schools} 所，表 {entries} 张，修改记录 {revisions} 条，提交 {submissions} 次；{size} 字节
可用 U 盘、微信或电子邮件发送；只有{recipient}能打开。</source>
        <translation>Bundle written: {path}
For: {recipient}; {year}; no. {sequence}
Contents: {schools} schools, {entries} forms, {revisions} revisions, {submissions} submissions; {size} bytes
Send it by USB stick, WeChat or e-mail; only {recipient} can open it.</translation>
    </message>
</context>
<context>
    <name>SetupDonePage</name>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="105" />
        <location filename="../../desktop/pages/wizard_setup.py" line="126" />
        <source>工作区已建立</source>
        <translation>Workspace made</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="106" />
        <source>点“打开”开始使用本单位的工作区。</source>
        <translation>Click “Open” to start working in this unit's workspace.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="113" />
        <source>本单位指纹：</source>
        <translation>This unit's fingerprint:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="116" />
        <source>上级首次收到本单位的数据包时，会请你读出这个指纹。以后也可以在“数据交换 → 本单位密钥…”中查看。</source>
        <translation>When the bureau first receives a bundle from this unit, they will ask you to read out this fingerprint. It is also shown under Exchange → This unit's keys….</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="126" />
        <source>工作区已更新</source>
        <translation>Workspace updated</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="127" />
        <source>本单位：%1（%2）</source>
        <translation>This unit: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="128" />
        <source>上级单位：{parent}，已记下其公钥（指纹 {fingerprint}）</source>
        <translation>Parent office: {parent}; its public key is recorded (fingerprint {fingerprint})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages/wizard_setup.py" line="131" />
        <source>学校名册：新增 %n 所学校</source>
        <translation><numerusform>Register of schools: %n schools added</numerusform><numerusform>Register of schools: %n schools added</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="132" />
        <source>截止日期：{due}</source>
        <translation>Due: {due}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="132" />
        <source>未设</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="133" />
        <source>工作区文件夹：{path}</source>
        <translation>Workspace folder: {path}</translation>
    </message>
</context>
<context>
    <name>SetupFilePage</name>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="28" />
        <source>用上级发来的设立文件建立</source>
        <translation>From a setup file sent by my bureau</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="29" />
        <source>设立文件由上级教育行政部门用 EduPlan 生成（扩展名 .eduplan-setup），可以通过 U 盘、微信或电子邮件收到。</source>
        <translation>The bureau above makes the setup file with EduPlan (extension .eduplan-setup); it may come by USB stick, WeChat or e-mail.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="37" />
        <source>还没有选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="38" />
        <source>选择设立文件(&amp;O)…</source>
        <translation>&amp;Open the setup file…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="49" />
        <source>上级单位的指纹：</source>
        <translation>The bureau's fingerprint:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="64" />
        <source>选择设立文件</source>
        <translation>Choose the setup file</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup.py" line="65" />
        <source>EduPlan 设立文件 (*.eduplan-setup);;所有文件 (*)</source>
        <translation>EduPlan setup files (*.eduplan-setup);;All files (*)</translation>
    </message>
</context>
<context>
    <name>SetupSection</name>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="43" />
        <source>为直属下级单位生成设立文件：下级据此建立工作区（学校名册、本单位公钥、本轮截止日期）。设立文件不加密，不含填报数据；每个单位一个文件。</source>
        <translation>Make setup files for the units directly below: each sets up its workspace from one (the school register, this office's public keys, the round's due date). A setup file is not encrypted and holds no entered data; one file a unit.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="47" />
        <source>按单位名称或代码筛选…</source>
        <translation>Filter by unit name or code…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="50" />
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="51" />
        <source>全不选</source>
        <translation>Select none</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="62" />
        <source>本轮截止日期：</source>
        <translation>Due date of the round:</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="70" />
        <source>保存设立文件(&amp;S)…</source>
        <translation>&amp;Save setup files…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="80" />
        <source>学校电脑丢失或损坏：生成恢复文件(&amp;R)…</source>
        <translation>School computer lost or broken: make a &amp;recovery file…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="82" />
        <source>只勾选一所学校：生成它的恢复文件，含本单位保存的该校全部数据，用一个 24 位恢复码加密；学校在新电脑上用它重建工作区。</source>
        <translation>Tick one school only: makes its recovery file with all of the school's data this unit holds, encrypted with a 24-digit recovery code; the school rebuilds its workspace from it on a new computer.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="110" />
        <source>已确认密钥</source>
        <translation>key confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="110" />
        <source>密钥待确认</source>
        <translation>key pending</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="117" />
        <source>%s（%s）</source>
        <translation>%s (%s)</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="119" />
        <source>纸质报送</source>
        <translation>Reports on paper</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="154" />
        <source>已选 {n} 个单位</source>
        <translation>{n} units chosen</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="181" />
        <source>请先勾选要设立的下级单位。</source>
        <translation>Tick the units to set up first.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="187" />
        <source>保存设立文件</source>
        <translation>Save the setup file</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="189" />
        <location filename="../../desktop/exchange_setup.py" line="255" />
        <source>EduPlan 设立文件 (*.eduplan-setup)</source>
        <translation>EduPlan setup files (*.eduplan-setup)</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="197" />
        <source>选择保存设立文件的文件夹</source>
        <translation>Choose the folder for the setup files</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="207" />
        <location filename="../../desktop/exchange_setup.py" line="261" />
        <source>文件“{path}”已存在，不会覆盖；请换一个文件名。</source>
        <translation>The file “{path}” exists and is not overwritten; choose another name.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="224" />
        <source>正在生成 {n} 个设立文件…</source>
        <translation>Writing {n} setup files…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="226" />
        <source>正在生成第 {i} / {n} 个设立文件</source>
        <translation>Writing setup file {i} / {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="228" />
        <source>生成设立文件：请输入本工作区的密钥口令。</source>
        <translation>Write setup files: enter the passphrase of this workspace's keys.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="233" />
        <source>已取消，没有生成设立文件。</source>
        <translation>Cancelled; no setup file was written.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="237" />
        <source>
等 {n} 个文件</source>
        <translation>
… {n} files in all</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="238" />
        <source>已生成设立文件：
{files}
截止日期：{due}
本单位指纹：{fingerprint}
下级导入后会看到这个指纹，请通电话逐组核对。</source>
        <translation>Setup files written:
{files}
Due date: {due}
This unit's fingerprint: {fingerprint}
The units below see this fingerprint when they import the file; compare it group by group on the phone.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="240" />
        <source>未设</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="241" />
        <source>
已取消：其余单位没有生成。</source>
        <translation>
Cancelled: the other units got no file.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="247" />
        <source>恢复文件只能为一所学校生成：请只勾选这所学校。</source>
        <translation>A recovery file is made for one school only: tick just that school.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="253" />
        <source>保存恢复文件</source>
        <translation>Save the recovery file</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="271" />
        <source>正在生成恢复文件…</source>
        <translation>Making the recovery file…</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="273" />
        <source>生成恢复文件：请输入本工作区的密钥口令。</source>
        <translation>Make a recovery file: enter this workspace's key passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop/exchange_setup.py" line="279" />
        <source>已生成{school}的恢复文件：{path}（含 {n} 张表）。恢复码只显示这一次，请通过电话读给学校。</source>
        <translation>Made the recovery file of {school}: {path} ({n} forms). The recovery code is shown only this once: read it to the school by phone.</translation>
    </message>
</context>
<context>
    <name>SetupUnitPage</name>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="29" />
        <source>本单位与工作区文件夹</source>
        <translation>This unit and its workspace folder</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="30" />
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="87" />
        <source>确认本单位和工作区文件夹。建立时会为本单位生成密钥，需要设置一个口令。</source>
        <translation>Check this unit and the workspace folder. Keys are made for this unit, protected by a passphrase you set.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="36" />
        <source>按名称或代码筛选</source>
        <translation>Filter by name or code</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="41" />
        <source>0000 0000 0000 0000 0000 0000</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="42" />
        <source>恢复码(&amp;R)：</source>
        <translation>&amp;Restore code:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="44" />
        <source>这是恢复文件（学校电脑丢失或损坏后由上级生成），请输入上级电话告知的 24 位数字</source>
        <translation>This is a restore file (made by the bureau after a school computer was lost or broken): type the 24 digits the bureau read to you on the phone</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="50" />
        <source>密钥用来给报送的数据包加密、签名。口令至少 8 个字符；以后每次导出、导入数据包都要输入它，忘记口令将无法发送和接收数据。</source>
        <translation>The keys encrypt and sign the bundles this unit sends. The passphrase has at least 8 characters and is asked each time bundles are exported or imported; without it no data can be sent or received.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="85" />
        <source>这个设立文件包含 %n 个单位，请选择本单位。</source>
        <translation><numerusform>This setup file sets up %n units: choose yours.</numerusform><numerusform>This setup file sets up %n units: choose yours.</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="94" />
        <source>这是恢复文件：上级保存的本校全部数据将恢复到新的工作区。请输入上级电话告知的 24 位恢复码，并选择一个新的文件夹。</source>
        <translation>This is a restore file: all of this school's data kept by the bureau will be restored into a new workspace. Type the 24-digit restore code the bureau read to you on the phone, and choose a new folder.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="109" />
        <source>将以“%1”的身份建立工作区，上级单位：%2。</source>
        <translation>The workspace will be made as “%1”, under %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="149" />
        <source>设置保护本单位密钥的口令（至少 8 个字符，可以用中文、字母、数字和符号）。以后每次导出、导入数据包都要输入它。</source>
        <translation>Set the passphrase that protects this unit's keys (at least 8 characters: Chinese, letters, digits and symbols all work). It is asked each time bundles are exported or imported.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="163" />
        <source>“%1”是一个文件，不是文件夹；请换一个文件夹。</source>
        <translation>“%1” is a file, not a folder; choose another folder.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="171" />
        <source>文件夹“%1”已存在，而且不是 EduPlan 工作区；EduPlan 不会在其中建立工作区。请换一个文件夹，或选一个空文件夹。</source>
        <translation>The folder “%1” exists and is not an EduPlan workspace; EduPlan will not make a workspace in it. Choose another folder, or an empty one.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="195" />
        <source>正在建立工作区、生成本单位的密钥…</source>
        <translation>Making the workspace and this unit's keys…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/wizard_setup_unit.py" line="222" />
        <source>程序内部错误，已记录在日志中。</source>
        <translation>Internal error; it was written to the log.</translation>
    </message>
</context>
<context>
    <name>ShortfallsPage</name>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="106" />
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls.py" line="68" />
        <source>差距清单</source>
        <translation>Shortfalls</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls.py" line="73" />
        <source>重新核查(&amp;R)</source>
        <translation>&amp;Recheck</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls.py" line="74" />
        <source>重新读取数据并核查（F5）</source>
        <translation>Reload the data and check again (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="99" />
        <source>截止 {day}</source>
        <translation>Due {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="108" />
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="109" />
        <source>未完成</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="115" />
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="117" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="119" />
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="122" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="125" />
        <source>实际</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="127" />
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="129" />
        <source>差距</source>
        <translation>Gap</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="132" />
        <source>相对差距</source>
        <translation>Rel. gap</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="135" />
        <source>较上年</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls_model.py" line="138" />
        <source>补齐所需</source>
        <translation>To close the gap</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls.py" line="194" />
        <source>正在对照目标核查 {year} 年数据…</source>
        <translation>Checking the {year} data against the targets…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/shortfalls.py" line="221" />
        <source>{org}及所属单位 · {year} 年 · 截至 {as_of}</source>
        <translation>{org} and its subordinate units · {year} · as of {as_of}</translation>
    </message>
</context>
<context>
    <name>UnitsBelow</name>
    <message>
        <location filename="../../desktop/pages/dashboard_units.py" line="39" />
        <source>显示或收起下级单位列表（双击单位进入）</source>
        <translation>Show or fold the list of units below (double-click a unit to open it)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_units.py" line="45" />
        <source>下级单位</source>
        <translation>Subordinate units</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_units.py" line="46" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_units.py" line="47" />
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_units.py" line="52" />
        <source>双击或按回车查看该单位的指标</source>
        <translation>Double-click or press Enter to see this unit's indicators</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_units.py" line="56" />
        <source>下级单位（双击进入）</source>
        <translation>Subordinate units (double-click to open)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_units.py" line="100" />
        <source>◂ 下级单位（%d）</source>
        <translation>◂ Units below (%d)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_units.py" line="101" />
        <source>下级单位（%d）▸</source>
        <translation>Units below (%d) ▸</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_units.py" line="111" />
        <source>（纸质）</source>
        <translation> (paper)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_units.py" line="120" />
        <source>下级单位（%d，双击或回车进入）</source>
        <translation>Subordinate units (%d; double-click or press Enter to open)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/dashboard_units.py" line="121" />
        <source>没有下级单位</source>
        <translation>No subordinate units</translation>
    </message>
</context>
<context>
    <name>WorkspaceMenu</name>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="48" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="49" />
        <source>新建工作区(&amp;N)…</source>
        <translation>&amp;New workspace…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="52" />
        <source>打开工作区(&amp;O)…</source>
        <translation>&amp;Open a workspace…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="55" />
        <source>最近使用的工作区(&amp;R)</source>
        <translation>&amp;Recent workspaces</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="57" />
        <source>打开演示工作区（东川区）(&amp;D)</source>
        <translation>Open the &amp;demo workspace (东川区)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="59" />
        <source>以演示学校身份打开（东川区第一小学）(&amp;M)</source>
        <translation>Open as the de&amp;mo school (东川区第一小学)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="61" />
        <source>导入上级的设立文件(&amp;I)…</source>
        <translation>&amp;Import the parent unit's setup file…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="64" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="95" />
        <source>这个工作区已经打开。</source>
        <translation>This workspace is already open.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="131" />
        <source>（还没有）</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="138" />
        <source>（演示）</source>
        <translation> (demo)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="167" />
        <source>选择工作区文件夹</source>
        <translation>Choose the workspace folder</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="208" />
        <source>诊断信息</source>
        <translation>Diagnostic information</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="212" />
        <source>以下信息不含任何填报数据，可保存后发送给技术支持。</source>
        <translation>The information below contains no entered data; you can save it and send it to technical support.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_workspaces.py" line="219" />
        <source>保存诊断信息</source>
        <translation>Save diagnostic information</translation>
    </message>
</context>
<context>
    <name>YouzhiPage</name>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="208" />
        <source>达标</source>
        <translation>Met</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="53" />
        <source>优质均衡</source>
        <translation>Quality balance</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="56" />
        <source>县（市、区）：</source>
        <translation>County (city, district):</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="73" />
        <source>全部学校</source>
        <translation>All schools</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="78" />
        <source>按学校名称或代码筛选…</source>
        <translation>Filter by school name or code…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="81" />
        <source>学校结论：</source>
        <translation>School result:</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="85" />
        <source>绿：达到标准 · 黄：未达标准但不低于标准的 %d%% · 红：低于 %d%%。学校须至少 %d 项达标、其余不低于 %d%%。</source>
        <translation>Green: meets the standard · Amber: below it, but ≥ %d%% of it · Red: below %d%%. A school must meet ≥ %d indicators and reach ≥ %d%% on the rest.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="102" />
        <source>差异系数</source>
        <translation>Coefficient of variation</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="102" />
        <source>学段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="103" />
        <source>差异系数值</source>
        <translation>Coefficient of variation value</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="104" />
        <source>限值</source>
        <translation>Limit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="105" />
        <source>结论</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="113" />
        <source>县域资源配置：校际差异系数（小学 ≤ 0.50，初中 ≤ 0.45）</source>
        <translation>County resource allocation: inter-school coefficient of variation (primary ≤ 0.50, junior secondary ≤ 0.45)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="118" />
        <source>义务教育学校：7 项资源配置指标</source>
        <translation>Compulsory-education schools: 7 resource allocation indicators</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="164" />
        <source>本工作区下没有县（市、区）。</source>
        <translation>There is no county (city, district) in this workspace.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="167" />
        <source>优质均衡 — %s %d年</source>
        <translation>Quality-balanced compulsory education — %s %d</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="174" />
        <source>正在计算 %s %d 年的优质均衡指标…</source>
        <translation>Computing the quality-balance indicators of %s for %d…</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="207" />
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="208" />
        <source>超出限值</source>
        <translation>Above the limit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="230" />
        <source>低于标准（本学段整体达标，余项≥%d%%）：%s</source>
        <translation>Below the standard (this section meets the rule, the rest ≥ %d%%): %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="234" />
        <source>未达标准：%s</source>
        <translation>Below the standard: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="236" />
        <source>其中低于 %d%%：%s</source>
        <translation>of which below %d%%: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="238" />
        <source>无数据：%s</source>
        <translation>No data: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="245" />
        <source>%s 不是县级单位，没有优质均衡县域评估。</source>
        <translation>%s is not a county-level unit, so it has no county quality-balance assessment.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="253" />
        <source>资源配置达标</source>
        <translation>Resource allocation met</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="255" />
        <source>资源配置未达标</source>
        <translation>Resource allocation not met</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="257" />
        <source>数据不全，暂不能判定</source>
        <translation>Incomplete data; cannot judge yet</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="259" />
        <source>已通过国家督导认定</source>
        <translation>Certified by national inspection</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="261" />
        <source>尚未通过国家督导认定</source>
        <translation>Not yet certified by national inspection</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="263" />
        <source>认定状态未填报</source>
        <translation>Certification status not entered</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="266" />
        <source>%s %d年：</source>
        <translation>%s %d: </translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="267" />
        <source>认定状态：</source>
        <translation>Certification status: </translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="268" />
        <source>参评学校 %d 所，达标 %d 所，未达标 %d 所；数据不全 %d 所；不参评 %d 所</source>
        <translation>%d schools assessed: %d meet the standard, %d do not; %d with incomplete data; %d not assessed</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="271" />
        <source>差异系数 %d 项，超出限值 %d 项</source>
        <translation>%d coefficients of variation, %d above the limit</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="284" />
        <source>义务教育学校：7 项资源配置指标（%d 所）</source>
        <translation>Compulsory-education schools: 7 resource allocation indicators (%d schools)</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="291" />
        <source>选中一所学校：这里显示它的结论和说明。</source>
        <translation>Select a school: its result and explanation are shown here.</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="294" />
        <source>%s（%s）%s：%s</source>
        <translation>%s (%s) %s: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="297" />
        <source>，本学段达标 %s</source>
        <translation>, met in this stage: %s</translation>
    </message>
    <message>
        <location filename="../../desktop/pages/youzhi.py" line="299" />
        <source>。%s</source>
        <translation>. %s</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../desktop/startup.py" line="30" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/startup.py" line="68" />
        <source>首次运行：正在生成演示工作区（东川区）…</source>
        <translation>First run: generating the demo workspace (Dongchuan District)…</translation>
    </message>
    <message>
        <location filename="../../desktop/startup.py" line="80" />
        <source>正在生成演示学校工作区…</source>
        <translation>Generating the demo school workspace…</translation>
    </message>
    <message>
        <location filename="../../desktop/startup.py" line="91" />
        <source>工作区“%s”已不存在（可能已被移走或删除）。</source>
        <translation>The workspace “%s” no longer exists (it may have been moved or deleted).</translation>
    </message>
    <message>
        <location filename="../../desktop/startup.py" line="93" />
        <source>“%s”不是 EduPlan 工作区（文件夹中没有 eduplan.sqlite）。</source>
        <translation>“%s” is not an EduPlan workspace (the folder has no eduplan.sqlite).</translation>
    </message>
    <message>
        <location filename="../../desktop/startup.py" line="109" />
        <source>用最近的备份（%s）恢复吗？损坏的文件会另存，不会删除。</source>
        <translation>Restore from the newest backup (%s)? The damaged file is kept, not deleted.</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="111" />
        <source>工作区“%s”已损坏，没有恢复。</source>
        <translation>The workspace “%s” is damaged and was not restored.</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="112" />
        <source>上次使用的工作区没有打开：%s</source>
        <translation>The workspace last used did not open: %s</translation>
    </message>
</context>
<context>
    <name>page</name>
    <message>
        <location filename="../../desktop/screenshots.py" line="257" />
        <source>纸质报送学校</source>
        <translation>Paper-submission school</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>未达标</source>
        <translation>Not met</translation>
    </message>
    <message>
        <source>进度滞后</source>
        <translation>Behind schedule</translation>
    </message>
    <message>
        <source>逾期完成</source>
        <translation>Completed late</translation>
    </message>
    <message>
        <source>低于标准</source>
        <translation>Below the standard</translation>
    </message>
    <message>
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <source>未到期</source>
        <translation>Not yet due</translation>
    </message>
    <message>
        <source>进度正常</source>
        <translation>On track</translation>
    </message>
    <message>
        <source>已达标</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>不采集</source>
        <translation>Not collected</translation>
    </message>
    <message>
        <source>无法计算</source>
        <translation>Cannot be computed</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <source>严重</source>
        <translation>Critical</translation>
    </message>
    <message>
        <source>较大</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>轻微</source>
        <translation>Minor</translation>
    </message>
</context>
<context>
    <name>Relation</name>
    <message>
        <source>本级规划</source>
        <translation>Own plan</translation>
    </message>
    <message>
        <source>上级规划</source>
        <translation>Higher-level plan</translation>
    </message>
    <message>
        <source>国家标准</source>
        <translation>National standard</translation>
    </message>
</context>
<context>
    <name>EntryState</name>
    <message>
        <source>未报送</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>草稿（未提交）</source>
        <translation>Draft (not submitted)</translation>
    </message>
    <message>
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <source>县级教育行政部门</source>
        <translation>County education bureau</translation>
    </message>
    <message>
        <source>州（市）级教育行政部门</source>
        <translation>Prefecture education bureau</translation>
    </message>
    <message>
        <source>省级教育行政部门</source>
        <translation>Provincial education bureau</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>未达标</source>
        <translation>Not met</translation>
    </message>
    <message>
        <source>数据不全</source>
        <translation>Incomplete data</translation>
    </message>
    <message>
        <source>达标</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>不参评</source>
        <translation>Not assessed</translation>
    </message>
</context>
</TS>