<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AdminPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/panel.py" line="20"/>
        <source>Administration</source>
        <translation>管理</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/panel.py" line="29"/>
        <source>Users</source>
        <translation>利用者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/panel.py" line="30"/>
        <source>Members and contracts</source>
        <translation>会員・契約</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/panel.py" line="31"/>
        <source>Signer certificate</source>
        <translation>署名証明書</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/panel.py" line="32"/>
        <source>Board settings</source>
        <translation>審査会の設定</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/panel.py" line="33"/>
        <source>Backups</source>
        <translation>バックアップ</translation>
    </message>
</context>
<context>
    <name>AgendaTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/meeting/models.py" line="76"/>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/models.py" line="77"/>
        <source>Case no.</source>
        <translation>事案番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/models.py" line="78"/>
        <source>Procedure</source>
        <translation>施術</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/models.py" line="79"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/models.py" line="80"/>
        <source>Recused</source>
        <translation>回避</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/models.py" line="81"/>
        <source>Quorum</source>
        <translation>定足数</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/models.py" line="82"/>
        <source>Finding</source>
        <translation>審査結果</translation>
    </message>
</context>
<context>
    <name>AggregateTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/models.py" line="30"/>
        <source>Contract</source>
        <translation>契約</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/models.py" line="31"/>
        <source>Member</source>
        <translation>会員</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/models.py" line="32"/>
        <source>Contract year</source>
        <translation>契約年度</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/models.py" line="33"/>
        <source>Annual aggregate</source>
        <translation>年間支払限度額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/models.py" line="34"/>
        <source>Used</source>
        <translation>使用額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/models.py" line="35"/>
        <source>Remaining</source>
        <translation>残額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/models.py" line="36"/>
        <source>Used %</source>
        <translation>使用率</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <location filename="../../reviewdesk/ui/context.py" line="116"/>
        <source>ReviewDesk</source>
        <translation>ReviewDesk</translation>
    </message>
</context>
<context>
    <name>AssessmentInputsForm</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="78"/>
        <source>Committee&apos;s inputs</source>
        <translation>査定委員会の入力</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="79"/>
        <source> yen</source>
        <translation>円</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="82"/>
        <source> years old</source>
        <translation>歳</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="93"/>
        <source>from the age</source>
        <translation>年齢から算出</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="96"/>
        <source> days</source>
        <translation>日</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="101"/>
        <source>standard amount</source>
        <translation>基準額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="107"/>
        <source>award lawyer&apos;s fees (10 %)</source>
        <translation>弁護士費用（10%）を認める</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="108"/>
        <source>caused by anesthesia</source>
        <translation>麻酔に起因する</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="114"/>
        <source>Patient&apos;s age</source>
        <translation>患者の年齢</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="115"/>
        <source>Sex</source>
        <translation>性別</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="116"/>
        <source>Annual income</source>
        <translation>年収</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="117"/>
        <source>Household role</source>
        <translation>家庭内の立場</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="118"/>
        <source>Dependents</source>
        <translation>被扶養者数</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="119"/>
        <source>Years of lost earnings</source>
        <translation>労働能力喪失期間（年）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="120"/>
        <source>Treatment costs</source>
        <translation>治療費</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="121"/>
        <source>Days in hospital</source>
        <translation>入院日数</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="122"/>
        <source>Lost wages</source>
        <translation>休業損害</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="123"/>
        <source>Consolation for treatment</source>
        <translation>入通院慰謝料</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="124"/>
        <source>Funeral costs</source>
        <translation>葬儀費</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="125"/>
        <source>Other costs</source>
        <translation>その他の費用</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="126"/>
        <source>Consolation for death</source>
        <translation>死亡慰謝料</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="127"/>
        <source>Patient&apos;s fault (0–1)</source>
        <translation>過失相殺（0〜1）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="128"/>
        <source>Prior payments</source>
        <translation>既払金</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="129"/>
        <source>Paid by other insurance</source>
        <translation>他の保険からの支払</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="130"/>
        <source>Litigation costs</source>
        <translation>争訟費用</translation>
    </message>
</context>
<context>
    <name>AssessmentPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="218"/>
        <source>Store this computation</source>
        <translation>この計算を保存</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="221"/>
        <source>Approve…</source>
        <translation>承認…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="240"/>
        <source>Versions</source>
        <translation>版</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="316"/>
        <source>Another member of the committee approves what you computed.</source>
        <translation>計算した査定は、別の委員が承認します。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="318"/>
        <source>Version %1 awaits approval.</source>
        <translation>第%1版が承認待ちです。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="333"/>
        <source>Cannot compute yet: %1</source>
        <translation>まだ計算できません: %1</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="345"/>
        <source>Damages %1 / liability %2 / payout %3 (rules %4)</source>
        <translation>損害額 %1 ／ 賠償金 %2 ／ 支払額 %3（基準 %4）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="382"/>
        <source>Approve the assessment</source>
        <translation>査定の承認</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment.py" line="383"/>
        <source>Approve version %1 with a payout of %2? The payment is recorded and the case is decided.</source>
        <translation>第%1版（支払額 %2）を承認しますか？ 支払が記録され、事案は決定となります。</translation>
    </message>
</context>
<context>
    <name>AssessmentTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment_models.py" line="81"/>
        <source>Version</source>
        <translation>版</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment_models.py" line="82"/>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment_models.py" line="83"/>
        <source>Rules</source>
        <translation>基準</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment_models.py" line="84"/>
        <source>Damages</source>
        <translation>損害額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment_models.py" line="85"/>
        <source>Liability</source>
        <translation>賠償金</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment_models.py" line="86"/>
        <source>Payout</source>
        <translation>支払額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment_models.py" line="87"/>
        <source>Computed by</source>
        <translation>計算者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment_models.py" line="88"/>
        <source>Approved by</source>
        <translation>承認者</translation>
    </message>
</context>
<context>
    <name>AssignmentTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinion_models.py" line="32"/>
        <source>Reviewer</source>
        <translation>査読委員</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinion_models.py" line="33"/>
        <source>Role</source>
        <translation>区分</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinion_models.py" line="34"/>
        <source>Assigned</source>
        <translation>指名日</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinion_models.py" line="35"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinion_models.py" line="36"/>
        <source>Status</source>
        <translation>状況</translation>
    </message>
</context>
<context>
    <name>AttentionPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_list/attention.py" line="122"/>
        <source>Follow-up</source>
        <translation>要対応</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/attention.py" line="163"/>
        <source>Opinions past their due date: %1</source>
        <translation>提出期限を過ぎた査読意見: %1件</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/attention.py" line="165"/>
        <source>Physicians disagree; consider another reviewer: %1</source>
        <translation>医師の意見が分かれている事案（査読委員の追加を検討）: %1件</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="48"/>
        <source>Back up the vault…</source>
        <translation>保管庫をバックアップ…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="54"/>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="152"/>
        <source>Backup</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="57"/>
        <source>Writes an encrypted copy of the open vault (the same key), checks every page of it, and only then gives it the chosen name. Work can go on meanwhile.</source>
        <translation>開いている保管庫の暗号化コピー（同じ鍵）を作成し、全ページを検証してから指定した名前を付けます。その間も作業を続けられます。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="72"/>
        <source>Restore a backup…</source>
        <translation>バックアップから復元…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="80"/>
        <source>Restore</source>
        <translation>復元</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="83"/>
        <source>Puts a verified copy of a backup at a path you choose. The open vault is never replaced while it is open: restore to another file, then restart ReviewDesk and open the restored vault.</source>
        <translation>バックアップを検証したうえで、指定した場所に復元します。開いている保管庫は置き換えません。別のファイルに復元し、ReviewDesk を再起動して復元した保管庫を開いてください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="96"/>
        <source>This desk works on the board&apos;s server. The server is backed up and restored by its administrator, as the database&apos;s owner: reviewdesk backup --vault postgresql://OWNER@host/database --user NAME --out FILE</source>
        <translation>この端末は審査会のサーバーで作業しています。サーバーのバックアップと復元は、管理者がデータベースの所有者として行います：reviewdesk backup --vault postgresql://所有者@ホスト/データベース --user 利用者名 --out ファイル</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="121"/>
        <source>Back up the vault</source>
        <translation>保管庫のバックアップ</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="130"/>
        <source>Copying the encrypted pages…</source>
        <translation>暗号化されたページを複製しています…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="142"/>
        <source>Verifying every page of the copy…</source>
        <translation>複製の全ページを検査しています…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="151"/>
        <source>Last backup: %1</source>
        <translation>前回のバックアップ: %1</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="153"/>
        <source>The encrypted backup was written and verified: %1</source>
        <translation>暗号化したバックアップを作成し、検証しました: %1</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="162"/>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="195"/>
        <source>Restore a backup</source>
        <translation>バックアップからの復元</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="122"/>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="163"/>
        <source>ReviewDesk vaults (*%1)</source>
        <translation>ReviewDesk 保管庫 (*%1)</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="167"/>
        <source>Restore to</source>
        <translation>復元先</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="173"/>
        <source>This is the vault open now; it cannot be replaced while it is open. Restore to another file, then restart ReviewDesk and open that one.</source>
        <translation>これは現在開いている保管庫のため、置き換えられません。別のファイルに復元し、ReviewDesk を再起動してそちらを開いてください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="177"/>
        <source>Choose a target other than the backup itself.</source>
        <translation>バックアップ自体とは別の保存先を選んでください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="181"/>
        <source>A vault already exists at %1. Replace it with the backup?</source>
        <translation>%1 には既に保管庫があります。バックアップで置き換えますか？</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/backups.py" line="196"/>
        <source>The backup was verified and restored to %1. To work on it, quit ReviewDesk, start it again and open that vault; this window stays on the vault open now.</source>
        <translation>バックアップを検証し、%1 に復元しました。使用するには ReviewDesk を終了して再起動し、その保管庫を開いてください。この画面は現在の保管庫のままです。</translation>
    </message>
</context>
<context>
    <name>BoardTab</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="40"/>
        <source>Columns right to left, separated by spaces</source>
        <translation>右の列から順に、空白で区切って入力</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="42"/>
        <source>The association</source>
        <translation>当会</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="61"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="45"/>
        <source>Postal code</source>
        <translation>郵便番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="44"/>
        <source>Association name</source>
        <translation>団体名</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="46"/>
        <source>Address</source>
        <translation>所在地</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="47"/>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="48"/>
        <source>Seal text</source>
        <translation>角印の文字</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="49"/>
        <source>Contact person (department, name)</source>
        <translation>担当者（部署・氏名）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="50"/>
        <source>Contact&apos;s direct line</source>
        <translation>担当者の直通電話</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="52"/>
        <source>Signatories</source>
        <translation>署名者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="54"/>
        <source>Representative (assessment and not-covered letters)</source>
        <translation>代表者（査定結果通知書・対象外通知書）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="55"/>
        <source>Board chair (finding letters, minutes)</source>
        <translation>審査会委員長（審査結果通知書・議事録）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="56"/>
        <source>Secretariat head (acknowledgements, case records)</source>
        <translation>事務局長（受付通知書・事案記録）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="60"/>
        <source>Title</source>
        <translation>役職</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="66"/>
        <source>Letters issued from now on print these settings; letters already signed keep what they were signed with.</source>
        <translation>今後発行する通知書にこの設定が印字されます。署名済みの通知書は署名時の内容のまま変わりません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="69"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="72"/>
        <source>Undo changes</source>
        <translation>変更を取り消す</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="147"/>
        <source>Board settings</source>
        <translation>審査会の設定</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/board.py" line="148"/>
        <source>Saved. Letters issued from now on print these settings.</source>
        <translation>保存しました。今後発行する通知書にこの設定が印字されます。</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="74"/>
        <source>Cases</source>
        <translation>事案一覧</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="80"/>
        <source>Search summaries, opinions, documents…</source>
        <translation>概要・査読意見・資料を検索…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="89"/>
        <source>All states</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="93"/>
        <source>All courses</source>
        <translation>すべてのコース</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="97"/>
        <source>All reviewers</source>
        <translation>すべての査読委員</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="100"/>
        <source>All years</source>
        <translation>すべての年</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="102"/>
        <source>%1 claims</source>
        <translation>%1年の請求</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="110"/>
        <source>Save filter…</source>
        <translation>条件を保存…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="112"/>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="158"/>
        <source>Saved filters:</source>
        <translation>保存した条件:</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="263"/>
        <source>(choose)</source>
        <translation>（選択）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="275"/>
        <source>Save filter</source>
        <translation>条件の保存</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="276"/>
        <source>Name of this filter:</source>
        <translation>この条件の名前:</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="289"/>
        <source>Delete filter</source>
        <translation>条件の削除</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="290"/>
        <source>Delete the saved filter “%1”?</source>
        <translation>保存した条件「%1」を削除しますか？</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="300"/>
        <source>More than %1 cases (the first %1 listed)</source>
        <translation>%1件以上（最初の%1件を表示）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="301"/>
        <source>The list shows the first %1. Add a word to the search to narrow it down.</source>
        <translation>最初の%1件を表示しています。検索語を追加して絞り込んでください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/panel.py" line="304"/>
        <source>%1 cases</source>
        <translation>%1件</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_list/model.py" line="56"/>
        <source>Case no.</source>
        <translation>事案番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/model.py" line="57"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/model.py" line="58"/>
        <source>Member</source>
        <translation>会員</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/model.py" line="59"/>
        <source>Procedure</source>
        <translation>施術</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/model.py" line="60"/>
        <source>Finding</source>
        <translation>審査結果</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/model.py" line="61"/>
        <source>Claim date</source>
        <translation>請求日</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/model.py" line="62"/>
        <source>Opinion due</source>
        <translation>意見提出期限</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/model.py" line="63"/>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/model.py" line="292"/>
        <source>The opinion is overdue</source>
        <translation>査読意見の提出期限を過ぎています</translation>
    </message>
</context>
<context>
    <name>CaseViewPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="75"/>
        <source>Overview</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="80"/>
        <source>Documents</source>
        <translation>資料</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="81"/>
        <source>Opinions</source>
        <translation>査読意見</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="82"/>
        <source>Finding</source>
        <translation>審査結果</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="85"/>
        <source>Assessment</source>
        <translation>査定</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="86"/>
        <source>Letters</source>
        <translation>通知書</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="87"/>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="288"/>
        <source>Close and archive</source>
        <translation>完結</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="289"/>
        <source>Close this case? It becomes read-only and is kept for ten years.</source>
        <translation>この事案を完結しますか？ 以後は閲覧のみとなり、10年間保存されます。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="295"/>
        <source>Reopen the case</source>
        <translation>事案の再開</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="296"/>
        <source>Why is the case reopened?</source>
        <translation>再開の理由:</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="303"/>
        <source>Register an appeal</source>
        <translation>異議申立の受付</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="304"/>
        <source>What does the member contest?</source>
        <translation>会員が異議を申し立てる内容:</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="315"/>
        <source>Withdraw the case</source>
        <translation>事案の取下げ</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="316"/>
        <source>Reason for the withdrawal:</source>
        <translation>取下げの理由:</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="324"/>
        <source>Not covered</source>
        <translation>対象外</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="325"/>
        <source>Close this case as not covered? The not-covered letter explains why.</source>
        <translation>この事案を対象外として終了しますか？ 理由は対象外通知で説明します。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="331"/>
        <source>Review despite the check</source>
        <translation>受理審査の覆し</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="332"/>
        <source>Why the board reviews this case:</source>
        <translation>審査会で審査する理由:</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="340"/>
        <source>Add documents</source>
        <translation>資料の追加</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="341"/>
        <source>Documents (*.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.txt);;All files (*)</source>
        <translation>資料 (*.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/panel.py" line="354"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
</context>
<context>
    <name>ContractDialog</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="136"/>
        <source>New contract year</source>
        <translation>新しい契約年度</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="148"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="152"/>
        <source>(all of the member&apos;s)</source>
        <translation>（会員のすべての施設）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="156"/>
        <source>Contract no. *</source>
        <translation>契約番号 *</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="156"/>
        <source>Course</source>
        <translation>コース</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="157"/>
        <source>Per claim</source>
        <translation>1事故あたり</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="158"/>
        <source>Deductible</source>
        <translation>免責金額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="159"/>
        <source>Annual aggregate</source>
        <translation>年間支払限度額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="160"/>
        <source>From</source>
        <translation>開始日</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="160"/>
        <source>To</source>
        <translation>終了日</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="161"/>
        <source>Facility</source>
        <translation>施設</translation>
    </message>
</context>
<context>
    <name>ContractTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="131"/>
        <source>Contract no.</source>
        <translation>契約番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="132"/>
        <source>Course</source>
        <translation>コース</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="133"/>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="135"/>
        <source>Per claim</source>
        <translation>1事故あたり</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="137"/>
        <source>Annual aggregate</source>
        <translation>年間支払限度額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="139"/>
        <source>Deductible</source>
        <translation>免責金額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="140"/>
        <source>Doctors</source>
        <translation>医師</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="72"/>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="76"/>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="81"/>
        <source>Open cases</source>
        <translation>未完結の事案</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="82"/>
        <source>Overdue reviews</source>
        <translation>期限超過の査読</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="83"/>
        <source>Findings this year</source>
        <translation>今年の審査結果</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="84"/>
        <source>Paid this year</source>
        <translation>今年の支払額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="85"/>
        <source>Median days, intake to decision</source>
        <translation>受付から決定までの日数（中央値）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="86"/>
        <source>Letters needing long-term renewal</source>
        <translation>長期署名の更新が必要な通知書</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="125"/>
        <source>Annual aggregates by contract year, fullest first (in force: bold)</source>
        <translation>契約年度ごとの年間支払限度額（使用率の高い順・有効中は太字）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="210"/>
        <source>as of %1</source>
        <translation>%1 時点</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="212"/>
        <source>%1 of %2</source>
        <translation>%1／%2</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="214"/>
        <source>%1 (%2 cases)</source>
        <translation>%1（%2件）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="224"/>
        <source>Show all %1 contract years</source>
        <translation>全 %1 件の契約年度を表示</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="235"/>
        <source>Cases by state</source>
        <translation>状態別の事案数</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="238"/>
        <source>Findings in %1</source>
        <translation>%1年の審査結果</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="241"/>
        <source>No findings yet</source>
        <translation>審査結果はまだありません</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="244"/>
        <source>Received and found by month, %1</source>
        <translation>%1年の月別受付・審査結果</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="245"/>
        <source>Received</source>
        <translation>受付</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="246"/>
        <source>Findings</source>
        <translation>審査結果</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="248"/>
        <source>Paid by month, %1 (10,000 yen)</source>
        <translation>%1年の月別支払額（万円）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="249"/>
        <source>Paid</source>
        <translation>支払額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="252"/>
        <source>Annual aggregate used (fullest contract years)</source>
        <translation>年間支払限度額の使用状況（使用率の高い契約年度）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="254"/>
        <source>Used</source>
        <translation>使用額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="254"/>
        <source>Remaining</source>
        <translation>残額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="257"/>
        <source>Days from intake to decision (past year; median %1)</source>
        <translation>受付から決定までの日数（過去1年・中央値 %1）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dashboard/panel.py" line="260"/>
        <source>Decisions</source>
        <translation>決定件数</translation>
    </message>
</context>
<context>
    <name>DoctorDialog</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="179"/>
        <source>New insured doctor</source>
        <translation>新しい被共済者（医師）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="186"/>
        <source>Registered anaesthesiologist</source>
        <translation>麻酔科標榜医</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="188"/>
        <source>Name *</source>
        <translation>氏名・名称 *</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="189"/>
        <source>Category</source>
        <translation>区分</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="190"/>
        <source>Licence no.</source>
        <translation>医籍登録番号</translation>
    </message>
</context>
<context>
    <name>DoctorTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="148"/>
        <source>Name</source>
        <translation>氏名・名称</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="149"/>
        <source>Category</source>
        <translation>区分</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="151"/>
        <source>Licence no.</source>
        <translation>医籍登録番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="152"/>
        <source>Anaesthesiology</source>
        <translation>麻酔科</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="133"/>
        <source>Carried over from the original case %1 (read-only here)</source>
        <translation>原事案 %1 の資料（参照のみ・この事案からは変更できません）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="68"/>
        <source>Original case</source>
        <translation>原事案</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="63"/>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="64"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="65"/>
        <source>Masking</source>
        <translation>マスキング</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="66"/>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="67"/>
        <source>Added</source>
        <translation>追加日時</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="91"/>
        <source>Masking corrected</source>
        <translation>修正あり</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="136"/>
        <source>Awaiting masking: reviewers do not see this document yet</source>
        <translation>マスキング待ち：査読委員にはまだ表示されません</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="138"/>
        <source>The masking of this document was corrected since you last looked</source>
        <translation>この資料のマスキングが修正されました</translation>
    </message>
</context>
<context>
    <name>DocumentViewer</name>
    <message>
        <location filename="../../reviewdesk/ui/document_viewer.py" line="58"/>
        <source>Save as file…</source>
        <translation>ファイルとして保存…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/document_viewer.py" line="99"/>
        <source>Choose a document to view it here.</source>
        <translation>資料を選ぶとここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/document_viewer.py" line="124"/>
        <location filename="../../reviewdesk/ui/document_viewer.py" line="134"/>
        <source>This PDF cannot be displayed.</source>
        <translation>このPDFは表示できません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/document_viewer.py" line="146"/>
        <source>This text is not UTF-8 and cannot be shown.</source>
        <translation>この文書は UTF-8 ではないため表示できません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/document_viewer.py" line="150"/>
        <source>No preview for this kind of file (%1).</source>
        <translation>この種類のファイル（%1）は表示できません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/document_viewer.py" line="155"/>
        <source>This PDF has too many pages to display (%1 pages; the limit is %2).</source>
        <translation>ページ数が多すぎるため表示できません（%1 ページ。上限は %2 ページです）。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/document_viewer.py" line="159"/>
        <source>This image is too large to display (%1×%2 pixels; the limit is %3).</source>
        <translation>画像が大きすぎます（%1×%2画素。上限は %3 画素です）。表示できません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/document_viewer.py" line="162"/>
        <source>This image is too large to display (over %1 pixels).</source>
        <translation>画像が大きすぎます（%1 画素を超えています）。表示できません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/document_viewer.py" line="170"/>
        <location filename="../../reviewdesk/ui/document_viewer.py" line="174"/>
        <source>Save as file</source>
        <translation>ファイルとして保存</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/document_viewer.py" line="170"/>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/document_viewer.py" line="175"/>
        <source>Saved to %1</source>
        <translation>%1 に保存しました</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="206"/>
        <source>Acknowledged</source>
        <translation>確認しました</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="214"/>
        <source>Add files…</source>
        <translation>ファイルを追加…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="217"/>
        <source>or drop files here</source>
        <translation>またはここにファイルをドロップ</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="219"/>
        <source>Masking…</source>
        <translation>マスキング…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="226"/>
        <source>Kind:</source>
        <translation>種類:</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="278"/>
        <source>%1 documents await masking: reviewers do not see them until they are masked.</source>
        <translation>マスキング待ちの資料が %1 件あります。マスキングが済むまで査読委員には表示されません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="282"/>
        <source>%1 documents await masking (they are shown once masked)</source>
        <translation>マスキング待ちの資料が %1 件あります（マスキングが済むと表示されます）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="285"/>
        <source>The masking of some documents was corrected</source>
        <translation>マスキングが修正された資料があります</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="296"/>
        <source>Choose a document to view it here.</source>
        <translation>資料を選ぶとここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="308"/>
        <source>Original (not masked): it may name the patient</source>
        <translation>原本（マスキング前）：患者の個人情報を含むことがあります</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="313"/>
        <source>Masked copy, as reviewers read it: %1</source>
        <translation>マスキング済みの写し（査読委員が見るもの）：%1</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/documents.py" line="326"/>
        <source>A document carried over from the original case is masked there</source>
        <translation>原事案から引き継いだ資料は、原事案でマスキングします</translation>
    </message>
</context>
<context>
    <name>FacilityDialog</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="116"/>
        <source>New facility</source>
        <translation>新しい施設</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="121"/>
        <source>Facility *</source>
        <translation>施設 *</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="122"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="123"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
</context>
<context>
    <name>FacilityTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="160"/>
        <source>Facility</source>
        <translation>施設</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="161"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="162"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <location filename="../../reviewdesk/ui/meeting/finding_dialog.py" line="40"/>
        <source>Finding on %1</source>
        <translation>%1 の審査結果</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/finding_dialog.py" line="48"/>
        <source>e.g. 0.6 (partly liable only)</source>
        <translation>例: 0.6（一部有責の場合のみ）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/finding_dialog.py" line="52"/>
        <source>Finding</source>
        <translation>審査結果</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/finding_dialog.py" line="53"/>
        <source>Insured&apos;s share</source>
        <translation>被共済者の負担割合</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/finding_dialog.py" line="58"/>
        <source>— choose —</source>
        <translation>— 選択 —</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/finding_dialog.py" line="75"/>
        <source>only when the finding is deferred</source>
        <translation>判定保留の場合のみ</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/finding_dialog.py" line="76"/>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/finding_dialog.py" line="77"/>
        <source>Information requested</source>
        <translation>照会事項</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/finding_dialog.py" line="83"/>
        <source>Vote</source>
        <translation>表決</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/finding_dialog.py" line="88"/>
        <source>— vote —</source>
        <translation>— 投票 —</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/finding_dialog.py" line="92"/>
        <source>dissenting opinion (optional)</source>
        <translation>少数意見（任意）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/finding_dialog.py" line="98"/>
        <source>Recused: %1</source>
        <translation>回避: %1</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/finding_dialog.py" line="108"/>
        <source>Record the finding</source>
        <translation>審査結果を記録</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/findings.py" line="92"/>
        <source>Finding of the original case %1 (read-only)</source>
        <translation>原事案 %1 の審査結果（参照のみ）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/findings.py" line="90"/>
        <source>The board has not recorded a finding yet.</source>
        <translation>審査会の審査結果はまだ記録されていません。</translation>
    </message>
</context>
<context>
    <name>FlaggedTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_list/attention.py" line="76"/>
        <source>Case no.</source>
        <translation>事案番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/attention.py" line="77"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/attention.py" line="78"/>
        <source>Procedure</source>
        <translation>施術</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/attention.py" line="79"/>
        <source>Specialty</source>
        <translation>診療科</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/attention.py" line="80"/>
        <source>Disputed</source>
        <translation>意見の分かれた要素</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/attention.py" line="81"/>
        <source>Reviewers</source>
        <translation>査読委員</translation>
    </message>
</context>
<context>
    <name>HistoryTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/history.py" line="46"/>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/history.py" line="47"/>
        <source>User</source>
        <translation>利用者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/history.py" line="48"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/history.py" line="49"/>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
</context>
<context>
    <name>LetterTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="57"/>
        <source>Letter no.</source>
        <translation>文書番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="58"/>
        <source>Letter</source>
        <translation>通知書</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="59"/>
        <source>Issued</source>
        <translation>発行日</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="60"/>
        <source>Signed</source>
        <translation>署名日時</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="61"/>
        <source>Corrects</source>
        <translation>訂正対象</translation>
    </message>
</context>
<context>
    <name>LettersPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="213"/>
        <source>Letters of the original case %1 (read-only)</source>
        <translation>原事案 %1 の通知書（参照のみ）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="123"/>
        <source>Choose a letter to view it here.</source>
        <translation>通知書を選ぶとここに表示されます。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="129"/>
        <source>Issue and sign…</source>
        <translation>発行して署名…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="132"/>
        <source>Issue a correction…</source>
        <translation>訂正版を発行…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="136"/>
        <source>Verify signature</source>
        <translation>署名を検証</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="139"/>
        <source>Export…</source>
        <translation>書き出し…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="243"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="254"/>
        <source>Issue a letter</source>
        <translation>通知書の発行</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="255"/>
        <source>Issue and sign the %1 now? A signed letter is never changed.</source>
        <translation>%1を発行して署名しますか？ 署名した通知書は変更できません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="266"/>
        <source>Issue a correction</source>
        <translation>訂正版の発行</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="267"/>
        <source>What does the new letter correct in %1?</source>
        <translation>%1 のどこを訂正しますか？</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="288"/>
        <source>Valid signature by %1 (%2); the letter is unchanged.</source>
        <translation>%1 による有効な署名です（%2）。通知書は改変されていません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="292"/>
        <source>The signature does not verify: %1</source>
        <translation>署名を検証できません: %1</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="301"/>
        <source>Export the letter</source>
        <translation>通知書の書き出し</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="302"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/letters.py" line="311"/>
        <source>Exported to %1</source>
        <translation>%1 に書き出しました</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../reviewdesk/ui/lock.py" line="77"/>
        <source>ReviewDesk is locked</source>
        <translation>ReviewDesk はロックされています</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/lock.py" line="79"/>
        <source>Signed in as %1.</source>
        <translation>%1 としてログイン中です。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/lock.py" line="81"/>
        <source>Enter your password to continue.</source>
        <translation>続けるにはパスワードを入力してください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/lock.py" line="86"/>
        <source>Unlock</source>
        <translation>ロック解除</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/lock.py" line="95"/>
        <source>Close ReviewDesk</source>
        <translation>ReviewDesk を終了</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/lock.py" line="138"/>
        <source>Close ReviewDesk and sign in again.</source>
        <translation>ReviewDesk を終了して、もう一度ログインしてください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/lock.py" line="147"/>
        <source>Your role was changed since you signed in.</source>
        <translation>ログインした後に役割が変更されました。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/login.py" line="62"/>
        <source>ReviewDesk — log in</source>
        <translation>ReviewDesk — ログイン</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/login.py" line="64"/>
        <source>Log in to %1</source>
        <translation>%1 にログイン</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/login.py" line="77"/>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/login.py" line="78"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/login.py" line="79"/>
        <source>Log in</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/login.py" line="97"/>
        <source>Enter your user name and password.</source>
        <translation>ユーザー名とパスワードを入力してください。</translation>
    </message>
</context>
<context>
    <name>LongTermSignaturesBox</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/long_term.py" line="21"/>
        <location filename="../../reviewdesk/ui/admin/long_term.py" line="78"/>
        <location filename="../../reviewdesk/ui/admin/long_term.py" line="92"/>
        <source>Long-term signatures</source>
        <translation>長期署名</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/long_term.py" line="32"/>
        <source>Unchanged</source>
        <translation>変更しない</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/long_term.py" line="33"/>
        <source>Save TSA settings</source>
        <translation>タイムスタンプ局の設定を保存</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/long_term.py" line="36"/>
        <source>Renew long-term signatures</source>
        <translation>長期署名の更新</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/long_term.py" line="39"/>
        <source>With a time-stamping authority, letters are issued with a timestamp (PAdES B-T); without one, or while it does not answer, without (B-B). Renewing adds validation data and archive timestamps (B-LTA) so letters still verify after the signer&apos;s certificate expires.</source>
        <translation>タイムスタンプ局を設定すると、通知書はタイムスタンプ付き（PAdES B-T）で発行されます。設定がないか応答しない間は、タイムスタンプなし（B-B）で発行されます。「長期署名の更新」で検証情報とアーカイブタイムスタンプ（B-LTA）を追加すると、署名者の証明書の有効期限が切れた後も検証できます。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/long_term.py" line="46"/>
        <source>Time-stamping authority URL</source>
        <translation>タイムスタンプ局のURL</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/long_term.py" line="47"/>
        <source>TSA user name</source>
        <translation>タイムスタンプ局のユーザー名</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/long_term.py" line="48"/>
        <source>TSA password</source>
        <translation>タイムスタンプ局のパスワード</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/long_term.py" line="64"/>
        <source>Kept</source>
        <translation>保存済み</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/long_term.py" line="78"/>
        <source>Saved.</source>
        <translation>保存しました。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/long_term.py" line="88"/>
        <source>Renewed: %1, could not renew: %2, already current: %3</source>
        <translation>更新: %1件、更新できなかったもの: %2件、更新不要: %3件</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="61"/>
        <source>ReviewDesk — %1</source>
        <translation>ReviewDesk — %1</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="138"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="139"/>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="144"/>
        <source>New case…</source>
        <translation>新規受付…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="148"/>
        <source>Find</source>
        <translation>検索</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="150"/>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="152"/>
        <source>Lock</source>
        <translation>ロック</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="153"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="157"/>
        <source>Meetings</source>
        <translation>会議</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="162"/>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="167"/>
        <source>Administration</source>
        <translation>管理</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="174"/>
        <source>Back up the vault…</source>
        <translation>保管庫をバックアップ…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="179"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="182"/>
        <source>&amp;Settings</source>
        <translation>設定(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="183"/>
        <source>Language (after restart)</source>
        <translation>表示言語（再起動後に反映）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="189"/>
        <source>Lock after idle minutes…</source>
        <translation>自動ロックまでの時間…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="233"/>
        <source>Case</source>
        <translation>事案</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="344"/>
        <source>Language</source>
        <translation>表示言語</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="345"/>
        <source>The language changes when ReviewDesk is started again.</source>
        <translation>表示言語は ReviewDesk の再起動後に切り替わります。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="348"/>
        <location filename="../../reviewdesk/ui/main_window.py" line="358"/>
        <source>Idle lock</source>
        <translation>自動ロック</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="349"/>
        <source>Lock after this many idle minutes (1–240):</source>
        <translation>操作がない場合にロックするまでの分数（1〜240）:</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/main_window.py" line="359"/>
        <source>Enter a number of minutes from 1 to 240.</source>
        <translation>1〜240の分数を入力してください。</translation>
    </message>
</context>
<context>
    <name>MaskListModel</name>
    <message>
        <location filename="../../reviewdesk/ui/masking/entries.py" line="27"/>
        <source>Mask</source>
        <translation>マスク</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/entries.py" line="28"/>
        <source>Page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/entries.py" line="29"/>
        <source>Found</source>
        <translation>検出した文字</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/entries.py" line="63"/>
        <source>Manual</source>
        <translation>手動</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/entries.py" line="192"/>
        <source>(rectangle)</source>
        <translation>（矩形）</translation>
    </message>
</context>
<context>
    <name>MaskPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/masking/mask_panel.py" line="46"/>
        <source>Stop</source>
        <translation>中止</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/mask_panel.py" line="48"/>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/mask_panel.py" line="50"/>
        <source>Delete the selected manual masks (Delete)</source>
        <translation>選択した手動のマスクを削除します（Delete キー）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/mask_panel.py" line="51"/>
        <source>Check all</source>
        <translation>すべてチェック</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/mask_panel.py" line="52"/>
        <source>Uncheck all</source>
        <translation>すべて外す</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/mask_panel.py" line="57"/>
        <source>Masks</source>
        <translation>マスク</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/mask_panel.py" line="59"/>
        <source>Checked masks are blacked out in the copy reviewers read. Red: masked; dashed: left visible.</source>
        <translation>チェックしたマスクは、査読委員が読む写しで黒く塗りつぶされます。赤の塗り：マスクする／破線：マスクしない。</translation>
    </message>
</context>
<context>
    <name>MaskingDialog</name>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="66"/>
        <source>Masking</source>
        <translation>マスキング</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="71"/>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="81"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="86"/>
        <source>Mask the selection</source>
        <translation>選択範囲をマスク</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="88"/>
        <source>Select text above, then mask it (Ctrl+M)</source>
        <translation>本文で範囲を選択してからマスクします（Ctrl+M）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="96"/>
        <source>Select the text to hide, then mask it.</source>
        <translation>隠す文字を選択して「選択範囲をマスク」を押してください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="123"/>
        <source>Confirm as free of personal data…</source>
        <translation>個人情報なしとして確定…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="125"/>
        <source>Confirm masking</source>
        <translation>マスキングを確定</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="128"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="202"/>
        <source>Now: %1&#x3000;Reviewers will see it as %2</source>
        <translation>現在：%1&#x3000;査読委員には「%2」として表示されます</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="224"/>
        <source>This document cannot be masked here.</source>
        <translation>この資料はここではマスキングできません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="225"/>
        <source>This document cannot be opened for masking.</source>
        <translation>この資料をマスキングのために開けませんでした。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="240"/>
        <source>Looking for the patient&apos;s identifiers…</source>
        <translation>患者の個人情報を探しています…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="255"/>
        <source>Looking for the patient&apos;s identifiers… (%1 of %2)</source>
        <translation>患者の個人情報を探しています…（%1／%2）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="268"/>
        <source>%1 places found. Uncheck those that are not personal data.</source>
        <translation>%1 か所見つかりました。個人情報でないものはチェックを外してください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="271"/>
        <source>This document has no text layer (a scan or a photo): draw a rectangle over each identifier.</source>
        <translation>この資料には文字情報がありません（スキャン・写真）。個人情報をひとつずつ矩形で囲んでください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="274"/>
        <source>No identifier of the patient was found. Look through the document yourself.</source>
        <translation>患者の個人情報は見つかりませんでした。資料を目で確認してください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="280"/>
        <source>The search was stopped; mask by hand.</source>
        <translation>検索を中止しました。手動でマスクしてください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="282"/>
        <source>The search failed; mask by hand.</source>
        <translation>検索できませんでした。手動でマスクしてください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="375"/>
        <source>Release this document to the reviewers unmasked, as containing no personal data?</source>
        <translation>この資料を個人情報なしとして、マスキングせずに査読委員へ公開しますか？</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="379"/>
        <source>%1 masks are checked in the list; they will not be applied.</source>
        <translation>一覧でチェックされているマスクが %1 件ありますが、適用されません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="381"/>
        <source>No personal data</source>
        <translation>個人情報なし</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="393"/>
        <source>Making the masked copy…</source>
        <translation>マスキングした写しを作成しています…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="390"/>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="421"/>
        <source>Cancelled: nothing was changed.</source>
        <translation>キャンセルしました。何も変更していません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="423"/>
        <source>Not masked: nothing was changed.</source>
        <translation>マスキングできませんでした。何も変更していません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="484"/>
        <source>Discard the masks?</source>
        <translation>マスクを破棄しますか？</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/dialog.py" line="485"/>
        <source>The masks you changed have not been applied. Close and discard them?</source>
        <translation>変更したマスクはまだ確定していません。閉じて破棄しますか？</translation>
    </message>
</context>
<context>
    <name>MaskingProgressDialog</name>
    <message>
        <location filename="../../reviewdesk/ui/masking/progress.py" line="33"/>
        <source>Masking</source>
        <translation>マスキング</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/progress.py" line="34"/>
        <source>Making the masked copy…</source>
        <translation>マスキングした写しを作成しています…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/progress.py" line="35"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>MeetingTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/meeting/models.py" line="28"/>
        <source>Date</source>
        <translation>開催日</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/models.py" line="29"/>
        <source>Meeting</source>
        <translation>会議</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/models.py" line="30"/>
        <source>Title</source>
        <translation>会議名</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/models.py" line="31"/>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/models.py" line="32"/>
        <source>Present</source>
        <translation>出席</translation>
    </message>
</context>
<context>
    <name>MeetingsPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="94"/>
        <source>Meetings</source>
        <translation>会議</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="116"/>
        <source>e.g. 12th review board</source>
        <translation>例: 第12回審査会</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="121"/>
        <source>Schedule</source>
        <translation>登録</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="124"/>
        <source>New meeting</source>
        <translation>新しい会議</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="126"/>
        <source>Meeting</source>
        <translation>会議</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="127"/>
        <source>Date</source>
        <translation>開催日</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="128"/>
        <source>Title</source>
        <translation>会議名</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="129"/>
        <source>Location</source>
        <translation>場所</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="130"/>
        <source>Starts at</source>
        <translation>開始時刻</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="131"/>
        <source>Ends at</source>
        <translation>終了時刻</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="143"/>
        <source>Record attendance</source>
        <translation>出欠を記録</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="147"/>
        <source>Correct attendance…</source>
        <translation>出欠の訂正…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="150"/>
        <source>Correct a mistaken entry, with the reason, until the minutes are issued</source>
        <translation>議事録の発行までは、理由を付して誤った記録を訂正できます</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="158"/>
        <source>Opened at</source>
        <translation>開会</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="159"/>
        <source>Closed at</source>
        <translation>閉会</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="171"/>
        <source>case no., e.g. 2026-00012</source>
        <translation>事案番号（例: 2026-00012）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="172"/>
        <source>Put on the agenda</source>
        <translation>議題に追加</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="175"/>
        <source>Record the finding…</source>
        <translation>審査結果を記録…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="179"/>
        <source>Record a recusal…</source>
        <translation>回避を記録…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="183"/>
        <source>Withdraw a recusal…</source>
        <translation>回避の取消し…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="187"/>
        <source>Present…</source>
        <translation>議題を表示…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="189"/>
        <source>Step through the agenda in large type on a shared screen</source>
        <translation>共有画面に議題を1件ずつ大きな文字で表示します</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="191"/>
        <source>Issue the minutes…</source>
        <translation>議事録を発行…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="203"/>
        <source>Attendance</source>
        <translation>出欠</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="209"/>
        <source>Agenda</source>
        <translation>議題</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="301"/>
        <source>Present %1 of %2; quorum %3</source>
        <translation>出席 %1名／委員 %2名（定足数 %3名）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="372"/>
        <source>Correct attendance</source>
        <translation>出欠の訂正</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="373"/>
        <source>Reason for the correction</source>
        <translation>訂正の理由</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="400"/>
        <source>Finding</source>
        <translation>審査結果</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="400"/>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="410"/>
        <source>Choose an agenda item first.</source>
        <translation>先に議題を選んでください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="410"/>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="420"/>
        <source>Recusal</source>
        <translation>回避</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="421"/>
        <source>Choose an agenda item with a recusal first.</source>
        <translation>先に回避が記録された議題を選んでください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="441"/>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="449"/>
        <source>Minutes</source>
        <translation>議事録</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="442"/>
        <source>Issue and sign the minutes of %1?</source>
        <translation>%1 の議事録を発行して署名しますか？</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/panel.py" line="450"/>
        <source>The minutes were issued and signed.</source>
        <translation>議事録を発行し、署名しました。</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="94"/>
        <source>New member</source>
        <translation>新しい会員</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="100"/>
        <source>Member no. *</source>
        <translation>会員番号 *</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="100"/>
        <source>Name *</source>
        <translation>氏名・名称 *</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="101"/>
        <source>Representative</source>
        <translation>代表者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="102"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="102"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="103"/>
        <source>E-mail</source>
        <translation>メール</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="119"/>
        <source>Member no.</source>
        <translation>会員番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="120"/>
        <source>Name</source>
        <translation>氏名・名称</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="121"/>
        <source>Representative</source>
        <translation>代表者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="122"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="123"/>
        <source>Contracts</source>
        <translation>契約</translation>
    </message>
</context>
<context>
    <name>MembersTab</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/members.py" line="71"/>
        <source>Add member…</source>
        <translation>会員を追加…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/members.py" line="74"/>
        <source>Add facility…</source>
        <translation>施設を追加…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/members.py" line="77"/>
        <source>Add contract year…</source>
        <translation>契約年度を追加…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/members.py" line="80"/>
        <source>Add doctor…</source>
        <translation>医師を追加…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/members.py" line="85"/>
        <source>Facilities</source>
        <translation>施設</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/members.py" line="86"/>
        <source>Contract years</source>
        <translation>契約年度</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/members.py" line="87"/>
        <source>Insured doctors of the contract year</source>
        <translation>この契約年度の被共済者（医師）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/members.py" line="91"/>
        <source>Members</source>
        <translation>会員</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="18"/>
        <source>This account is disabled. Please ask the secretariat.</source>
        <translation>このアカウントは無効になっています。事務局にお問い合わせください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="22"/>
        <source>This account is locked after repeated wrong passwords. Try again in %1 minutes.</source>
        <translation>パスワードを続けて誤ったため、このアカウントはロックされています。%1分後に再度お試しください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="27"/>
        <source>This account is locked after repeated wrong passwords. Try again later.</source>
        <translation>パスワードを続けて誤ったため、このアカウントはロックされています。しばらくしてから再度お試しください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="30"/>
        <source>The user name or the password is wrong.</source>
        <translation>ユーザー名またはパスワードが違います。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="38"/>
        <source>The key of this vault was not found. Enter the vault&apos;s passphrase, or open it on the computer whose keyring holds its key.</source>
        <translation>この保管庫の鍵が見つかりません。パスフレーズを入力するか、鍵を保管しているコンピューターで開いてください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="44"/>
        <source>The key or passphrase does not open this file, or it is not a vault.</source>
        <translation>鍵またはパスフレーズが違うか、保管庫のファイルではありません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="49"/>
        <source>The vault is in use by another ReviewDesk window or process.</source>
        <translation>この保管庫は別の ReviewDesk で使用中です。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="53"/>
        <source>There is no vault at this path.</source>
        <translation>指定した場所に保管庫がありません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="55"/>
        <source>A file already exists at this path; choose another name.</source>
        <translation>指定した場所には既にファイルがあります。別の名前を選んでください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="59"/>
        <source>This file is not a ReviewDesk vault.</source>
        <translation>このファイルは ReviewDesk の保管庫ではありません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="61"/>
        <source>The vault is damaged. Restore it from a backup.</source>
        <translation>保管庫が破損しています。バックアップから復元してください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="62"/>
        <source>The vault could not be opened: %1</source>
        <translation>保管庫を開けませんでした: %1</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="78"/>
        <source>The file could not be read or written: %1</source>
        <translation>ファイルを読み書きできませんでした: %1</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/messages.py" line="82"/>
        <source>An unexpected error occurred (%1). The action was not completed.</source>
        <translation>予期しないエラーが発生しました（%1）。操作は完了していません。</translation>
    </message>
</context>
<context>
    <name>MyAssignmentTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_list/assignments.py" line="41"/>
        <source>Case no.</source>
        <translation>事案番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/assignments.py" line="42"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/assignments.py" line="43"/>
        <source>Procedure</source>
        <translation>施術</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/assignments.py" line="44"/>
        <source>Opinion due</source>
        <translation>意見提出期限</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/assignments.py" line="45"/>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/assignments.py" line="46"/>
        <source>Board&apos;s question</source>
        <translation>審査会からの照会事項</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/assignments.py" line="78"/>
        <source>The opinion is overdue</source>
        <translation>査読意見の提出期限を過ぎています</translation>
    </message>
</context>
<context>
    <name>MyAssignmentsPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_list/assignments.py" line="93"/>
        <source>My assignments</source>
        <translation>担当事案</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/assignments.py" line="144"/>
        <source>%1 to write, %2 overdue</source>
        <translation>未提出 %1件（うち期限超過 %2件）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/assignments.py" line="147"/>
        <source>Show %1 more</source>
        <translation>さらに %1件を表示</translation>
    </message>
</context>
<context>
    <name>OpinionForm</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="67"/>
        <source>My opinion</source>
        <translation>自分の査読意見</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="78"/>
        <source>(not answered)</source>
        <translation>（未回答）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="83"/>
        <source>Rationale (required to submit)</source>
        <translation>理由（提出には必須）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="93"/>
        <source>(not chosen)</source>
        <translation>（未選択）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="98"/>
        <source>e.g. 0.6 (partly liable only)</source>
        <translation>例: 0.6（一部有責の場合のみ）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="103"/>
        <source>Recommended finding</source>
        <translation>推奨する判定</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="104"/>
        <source>Insured&apos;s share</source>
        <translation>被共済者の負担割合</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="105"/>
        <source>Comments</source>
        <translation>補足</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="106"/>
        <source>Save draft</source>
        <translation>下書き保存</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="108"/>
        <source>Submit…</source>
        <translation>提出…</translation>
    </message>
</context>
<context>
    <name>OpinionTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinion_models.py" line="74"/>
        <source>Author</source>
        <translation>作成者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinion_models.py" line="75"/>
        <source>Version</source>
        <translation>版</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinion_models.py" line="76"/>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinion_models.py" line="77"/>
        <source>Recommends</source>
        <translation>推奨判定</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinion_models.py" line="78"/>
        <source>Submitted</source>
        <translation>提出日時</translation>
    </message>
</context>
<context>
    <name>OpinionsPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="186"/>
        <source>Assign</source>
        <translation>指名</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="190"/>
        <source>Reviewer:</source>
        <translation>査読委員:</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="205"/>
        <source>Reviewers see the other opinions once they have submitted their own.</source>
        <translation>他の委員の意見は、自分の意見を提出した後に表示されます。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="213"/>
        <source>Declare a conflict of interest…</source>
        <translation>利益相反を申告…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="221"/>
        <source>Reviewers</source>
        <translation>査読委員</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="224"/>
        <source>Opinions</source>
        <translation>査読意見</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="292"/>
        <source>No opinion to show yet.</source>
        <translation>表示できる査読意見はまだありません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="309"/>
        <source>No opinion yet. Save a draft at any time; submit when complete.</source>
        <translation>まだ意見はありません。下書きはいつでも保存でき、すべて記入したら提出します。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="311"/>
        <source>Draft of version %1, not yet submitted.</source>
        <translation>第%1版の下書き（未提出）です。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="313"/>
        <source>Version %1 was submitted and can no longer change. Saving starts an amendment (version %2).</source>
        <translation>第%1版は提出済みのため変更できません。保存すると修正版（第%2版）になります。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="380"/>
        <source>Submit the opinion</source>
        <translation>査読意見の提出</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="381"/>
        <source>Submit this opinion? A submitted opinion is never changed; a correction becomes a new version.</source>
        <translation>この意見を提出しますか？ 提出した意見は変更できず、修正は新しい版になります。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="415"/>
        <source>Conflict of interest</source>
        <translation>利益相反</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/opinions.py" line="416"/>
        <source>Describe the conflict of interest:</source>
        <translation>利益相反の内容:</translation>
    </message>
</context>
<context>
    <name>OverdueTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_list/attention.py" line="38"/>
        <source>Case no.</source>
        <translation>事案番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/attention.py" line="39"/>
        <source>Reviewer</source>
        <translation>査読委員</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/attention.py" line="40"/>
        <source>Role</source>
        <translation>区分</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_list/attention.py" line="41"/>
        <source>Was due</source>
        <translation>提出期限</translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="49"/>
        <source>Withdraw…</source>
        <translation>取下げ…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="48"/>
        <source>Close as not covered…</source>
        <translation>対象外として終了…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="47"/>
        <source>Review despite the check…</source>
        <translation>審査会で審査する…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="50"/>
        <source>Mark as notified</source>
        <translation>通知済にする</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="51"/>
        <source>Close and archive…</source>
        <translation>完結（保存）…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="52"/>
        <source>Reopen…</source>
        <translation>再開…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="53"/>
        <source>Register an appeal…</source>
        <translation>異議申立を受付…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="94"/>
        <source>Case</source>
        <translation>事案</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="95"/>
        <source>Case no.</source>
        <translation>事案番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="96"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="97"/>
        <source>Member</source>
        <translation>会員</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="98"/>
        <source>Facility</source>
        <translation>施設</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="99"/>
        <source>Contract</source>
        <translation>契約</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="102"/>
        <source>Insured doctor</source>
        <translation>被共済者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="103"/>
        <source>Specialty</source>
        <translation>診療科</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="105"/>
        <source>Appeal of</source>
        <translation>異議申立の対象</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="108"/>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="154"/>
        <source>Incident</source>
        <translation>事故</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="109"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="111"/>
        <source>Birth date</source>
        <translation>生年月日</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="112"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="113"/>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="114"/>
        <source>Insurance no.</source>
        <translation>保険証番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="115"/>
        <source>Clinic&apos;s patient ID</source>
        <translation>医療機関の患者ID</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="118"/>
        <source>Sex</source>
        <translation>性別</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="119"/>
        <source>Procedure</source>
        <translation>施術</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="122"/>
        <source> (grade %1)</source>
        <translation>（%1級）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="123"/>
        <source>Outcome</source>
        <translation>転帰</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="124"/>
        <source>Patient&apos;s demand</source>
        <translation>患者の請求内容</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="125"/>
        <source>Amount demanded</source>
        <translation>請求額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="126"/>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="130"/>
        <source>Coverage check</source>
        <translation>受理審査</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="132"/>
        <source>Not checked yet</source>
        <translation>未審査</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="134"/>
        <source>Covered</source>
        <translation>対象</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="136"/>
        <source>Not covered</source>
        <translation>対象外</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="141"/>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="145"/>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="147"/>
        <source>Exclusions found</source>
        <translation>該当する免責事由</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="150"/>
        <source>Board&apos;s decision to review</source>
        <translation>審査会による受理の決定</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="153"/>
        <source>Timeline</source>
        <translation>経過</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="154"/>
        <source>Claim</source>
        <translation>請求</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="155"/>
        <source>Received</source>
        <translation>受付</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="155"/>
        <source>Decided</source>
        <translation>決定</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="156"/>
        <source>Closed</source>
        <translation>完結</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="157"/>
        <source>Kept until</source>
        <translation>保存期限</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="163"/>
        <source>Decision</source>
        <translation>決定</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="165"/>
        <source>Finding</source>
        <translation>審査結果</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="167"/>
        <source>Payout</source>
        <translation>支払額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="169"/>
        <source>Withdrawal reason</source>
        <translation>取下げの理由</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="171"/>
        <source>Opinions</source>
        <translation>査読意見</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/overview.py" line="171"/>
        <source>The reviewers disagree</source>
        <translation>査読意見が分かれています</translation>
    </message>
</context>
<context>
    <name>PagePane</name>
    <message>
        <location filename="../../reviewdesk/ui/masking/page_pane.py" line="52"/>
        <source>Previous page (PageUp)</source>
        <translation>前のページ（PageUp）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/page_pane.py" line="56"/>
        <source>Page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/page_pane.py" line="60"/>
        <source>Next page (PageDown)</source>
        <translation>次のページ（PageDown）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/page_pane.py" line="63"/>
        <source>Zoom out (Ctrl+-)</source>
        <translation>縮小（Ctrl+-）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/page_pane.py" line="70"/>
        <source>Zoom in (Ctrl+=)</source>
        <translation>拡大（Ctrl+=）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/page_pane.py" line="71"/>
        <source>Fit width</source>
        <translation>幅に合わせる</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/page_pane.py" line="73"/>
        <source>Fit the page to the width (Ctrl+0)</source>
        <translation>ページを幅に合わせる（Ctrl+0）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/page_pane.py" line="80"/>
        <source>Drag on the page to mask an area.</source>
        <translation>ページ上をドラッグすると、その範囲をマスクします。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/page_pane.py" line="97"/>
        <source>This page is a picture without text (a scan): nothing on it can be found automatically. Draw over every identifier on it.</source>
        <translation>このページは文字情報のない画像（スキャン）のため、自動では検出できません。個人情報をすべて手動で囲んでください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/page_pane.py" line="140"/>
        <source>of %1</source>
        <translation>/ %1</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/page_pane.py" line="141"/>
        <source>Rendering…</source>
        <translation>表示の準備中…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/masking/page_pane.py" line="218"/>
        <source>This page cannot be shown.</source>
        <translation>このページは表示できません。</translation>
    </message>
</context>
<context>
    <name>PdfPageList</name>
    <message>
        <location filename="../../reviewdesk/ui/pdf_pages.py" line="55"/>
        <source>Zoom out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/pdf_pages.py" line="59"/>
        <source>Zoom in</source>
        <translation>拡大</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/pdf_pages.py" line="96"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/pdf_pages.py" line="149"/>
        <source>%1 pages</source>
        <translation>%1ページ</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/pdf_pages.py" line="209"/>
        <source>This page cannot be displayed.</source>
        <translation>このページは表示できません。</translation>
    </message>
</context>
<context>
    <name>PresentationWindow</name>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="78"/>
        <source>%1 — presentation</source>
        <translation>%1 — 議題表示</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="94"/>
        <source>◀ Previous</source>
        <translation>◀ 前へ</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="95"/>
        <source>Next ▶</source>
        <translation>次へ ▶</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="96"/>
        <source>Record the finding…</source>
        <translation>審査結果を記録…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="102"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="104"/>
        <source>Follow the chair</source>
        <translation>委員長に合わせる</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="175"/>
        <source>The agenda is empty.</source>
        <translation>議題がありません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="182"/>
        <source>%1&#x3000;Item %2 of %3</source>
        <translation>%1&#x3000;議題 %2 / %3</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="187"/>
        <source>Voting members present %1; quorum %2</source>
        <translation>議決に加わる出席委員 %1名（定足数 %2名）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="190"/>
        <source>Recused: %1</source>
        <translation>回避: %1</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="194"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="234"/>
        <source>Patient</source>
        <translation>患者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="234"/>
        <source>Member</source>
        <translation>会員</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="234"/>
        <source>Outcome</source>
        <translation>転帰</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="235"/>
        <source>Demand</source>
        <translation>請求内容</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="235"/>
        <source>Opinions</source>
        <translation>査読意見</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="236"/>
        <source>Reviewer</source>
        <translation>査読委員</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="236"/>
        <source>Recommends</source>
        <translation>推奨する結果</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="262"/>
        <source>No submitted opinion is visible to you.</source>
        <translation>あなたが閲覧できる提出済みの意見はありません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="266"/>
        <source>Finding: %1</source>
        <translation>審査結果: %1</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/presentation.py" line="267"/>
        <source>For %1, against %2</source>
        <translation>賛成 %1名、反対 %2名</translation>
    </message>
</context>
<context>
    <name>RecusalDialog</name>
    <message>
        <location filename="../../reviewdesk/ui/meeting/recusal_dialog.py" line="71"/>
        <source>Recusal on %1</source>
        <translation>%1 の回避</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/recusal_dialog.py" line="74"/>
        <source>e.g. worked at the insured&apos;s clinic</source>
        <translation>例: 被共済者の診療所に勤務歴あり</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/recusal_dialog.py" line="75"/>
        <source>Member</source>
        <translation>委員</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/recusal_dialog.py" line="75"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>RegisterCaseDialog</name>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="63"/>
        <source>Register a case</source>
        <translation>事案の受付</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="71"/>
        <source>Also contracts whose period does not cover the claim date</source>
        <translation>請求日が契約期間外の契約も表示</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="81"/>
        <source>known</source>
        <translation>判明</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="98"/>
        <source>optional: found and masked in the documents</source>
        <translation>任意：資料のマスキングで検出に使います</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="100"/>
        <source>(not recorded)</source>
        <translation>（未記録）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="122"/>
        <source> grade</source>
        <translation>級</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="130"/>
        <source> yen</source>
        <translation>円</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="137"/>
        <source>Member</source>
        <translation>会員</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="138"/>
        <source>Contract</source>
        <translation>契約</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="141"/>
        <source>Insured doctor</source>
        <translation>被共済者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="142"/>
        <source>Patient name</source>
        <translation>患者氏名</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="143"/>
        <source>Patient name (kana)</source>
        <translation>患者氏名（かな）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="147"/>
        <source>Birth date</source>
        <translation>生年月日</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="148"/>
        <source>Sex</source>
        <translation>性別</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="149"/>
        <source>Patient&apos;s address</source>
        <translation>患者の住所</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="150"/>
        <source>Patient&apos;s phone</source>
        <translation>患者の電話番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="151"/>
        <source>Insurance number</source>
        <translation>保険証番号</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="152"/>
        <source>Clinic&apos;s patient ID</source>
        <translation>医療機関の患者ID</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="153"/>
        <source>Procedure</source>
        <translation>施術</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="154"/>
        <source>Incident date</source>
        <translation>事故日</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="155"/>
        <source>Claim date</source>
        <translation>請求日</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="156"/>
        <source>Received on</source>
        <translation>受付日</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="160"/>
        <source>Outcome</source>
        <translation>転帰</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="161"/>
        <source>Patient&apos;s demand</source>
        <translation>患者の請求内容</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="162"/>
        <source>Amount demanded</source>
        <translation>請求額</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="163"/>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="165"/>
        <source>Register</source>
        <translation>受付</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="195"/>
        <source>(all members)</source>
        <translation>（すべての会員）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="226"/>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="229"/>
        <source>No contract of this member covers the claim date.</source>
        <translation>この会員には請求日を契約期間に含む契約がありません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="281"/>
        <source>Discard the case?</source>
        <translation>受付内容を破棄しますか？</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/register_case.py" line="282"/>
        <source>What you typed has not been registered. Close and discard it?</source>
        <translation>入力した内容はまだ受付されていません。閉じて破棄しますか？</translation>
    </message>
</context>
<context>
    <name>SharedDocuments</name>
    <message>
        <location filename="../../reviewdesk/ui/meeting/shared_documents.py" line="29"/>
        <source>Documents (masked copies)</source>
        <translation>資料（マスキング済みの写し）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/shared_documents.py" line="68"/>
        <source>No document has been released to the board yet.</source>
        <translation>公開された資料はまだありません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/shared_documents.py" line="70"/>
        <source>%1 documents await masking (they are shown once masked)</source>
        <translation>マスキング待ちの資料が %1 件あります（マスキングが済むと表示されます）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/shared_documents.py" line="74"/>
        <source>Choose a document to show it.</source>
        <translation>資料を選ぶと表示されます。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/shared_documents.py" line="84"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
</context>
<context>
    <name>SignerTab</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="44"/>
        <source>Active signing certificate</source>
        <translation>使用中の署名証明書</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="47"/>
        <source>Subject</source>
        <translation>主体者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="48"/>
        <source>Issuer</source>
        <translation>発行者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="49"/>
        <source>Valid</source>
        <translation>有効期間</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="50"/>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 フィンガープリント</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="55"/>
        <source>Choose the .p12 file and import…</source>
        <translation>.p12 ファイルを選んで登録…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="58"/>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="107"/>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="129"/>
        <source>Import a certificate</source>
        <translation>証明書の登録</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="61"/>
        <source>The PKCS#12 file (.p12) is stored inside the encrypted vault and becomes the signer of new letters; its password goes to this computer&apos;s keyring.</source>
        <translation>PKCS#12 ファイル（.p12）は暗号化された保管庫に保存され、今後の通知書の署名に使われます。パスワードはこのコンピューターのキーリングに保管されます。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="63"/>
        <source>Password of the file</source>
        <translation>ファイルのパスワード</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="86"/>
        <source>No signing certificate is registered; letters cannot be signed.</source>
        <translation>署名用の証明書が登録されていないため、通知書に署名できません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="90"/>
        <source>In use for signing letters.</source>
        <translation>通知書の署名に使用中です。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="92"/>
        <source>This is a demonstration certificate, not for real letters.</source>
        <translation>これはデモ用の証明書です。実際の通知書には使えません。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="108"/>
        <source>PKCS#12 files (*.p12 *.pfx)</source>
        <translation>PKCS#12 ファイル (*.p12 *.pfx)</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="125"/>
        <source>The password is kept in this computer&apos;s keyring.</source>
        <translation>パスワードはこのコンピューターのキーリングに保管されています。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="126"/>
        <source>There is no usable keyring here: the password is kept inside the encrypted vault.</source>
        <translation>使用できるキーリングがないため、パスワードは暗号化された保管庫内に保管されています。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/signer.py" line="128"/>
        <source>%1 now signs new letters.</source>
        <translation>今後の通知書は %1 で署名されます。</translation>
    </message>
</context>
<context>
    <name>TraceTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment_models.py" line="28"/>
        <source>Section</source>
        <translation>区分</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment_models.py" line="29"/>
        <source>Item</source>
        <translation>項目</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment_models.py" line="30"/>
        <source>How</source>
        <translation>計算</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/case_view/assessment_models.py" line="31"/>
        <source>Value</source>
        <translation>金額等</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="94"/>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="95"/>
        <source>Name</source>
        <translation>氏名・名称</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="96"/>
        <source>Role</source>
        <translation>区分</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="97"/>
        <source>Specialty</source>
        <translation>診療科</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/models.py" line="99"/>
        <source>Status</source>
        <translation>状況</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="37"/>
        <location filename="../../reviewdesk/ui/admin/users.py" line="128"/>
        <location filename="../../reviewdesk/ui/admin/users.py" line="158"/>
        <source>Disable</source>
        <translation>無効にする</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="52"/>
        <location filename="../../reviewdesk/ui/admin/users.py" line="58"/>
        <location filename="../../reviewdesk/ui/admin/users.py" line="108"/>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="65"/>
        <source>Add user</source>
        <translation>利用者を追加</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="68"/>
        <location filename="../../reviewdesk/ui/admin/users.py" line="132"/>
        <source>New user</source>
        <translation>新しい利用者</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="70"/>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="71"/>
        <source>Name</source>
        <translation>氏名・名称</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="72"/>
        <source>Role</source>
        <translation>区分</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="73"/>
        <source>Specialty</source>
        <translation>診療科</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="74"/>
        <source>Affiliation</source>
        <translation>所属（会員）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="75"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="76"/>
        <source>Password again</source>
        <translation>パスワード（確認）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="127"/>
        <source>Enable</source>
        <translation>有効にする</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="133"/>
        <source>The two passwords differ; type the same one twice.</source>
        <translation>2つのパスワードが一致しません。同じものを2回入力してください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/admin/users.py" line="159"/>
        <source>Disable the account %1? Its user can no longer log in.</source>
        <translation>アカウント %1 を無効にしますか？ この利用者はログインできなくなります。</translation>
    </message>
</context>
<context>
    <name>VaultChooserDialog</name>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="76"/>
        <source>ReviewDesk — choose a vault</source>
        <translation>ReviewDesk — 保管庫の選択</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="78"/>
        <source>Which vault do you want to work in?</source>
        <translation>どの保管庫で作業しますか？</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="84"/>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="91"/>
        <source>only if the vault uses a passphrase</source>
        <translation>パスフレーズを使う保管庫の場合のみ</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="92"/>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="96"/>
        <source>Open the demo vault</source>
        <translation>デモ用の保管庫を開く</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="103"/>
        <source>Vault file</source>
        <translation>保管庫のファイル</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="104"/>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="134"/>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="114"/>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="121"/>
        <source>leave empty to keep the key in the OS keyring</source>
        <translation>空欄にすると鍵は OS のキーリングに保管されます</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="128"/>
        <source>Create</source>
        <translation>作成</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="133"/>
        <source>New vault file</source>
        <translation>新しい保管庫のファイル</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="135"/>
        <source>Administrator&apos;s user name</source>
        <translation>管理者のユーザー名</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="136"/>
        <source>Administrator&apos;s name</source>
        <translation>管理者の氏名</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="137"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="138"/>
        <source>Password again</source>
        <translation>パスワード（確認）</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="148"/>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="153"/>
        <source>The whole board works on one PostgreSQL server. Enter the address the secretariat gave you; you log in with your own name and password next.</source>
        <translation>審査会の全員が1台のPostgreSQLサーバーで作業します。事務局から伝えられたアドレスを入力してください。続いてご自身の利用者名とパスワードでログインします。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="158"/>
        <source>Server address</source>
        <translation>サーバーのアドレス</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="165"/>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="191"/>
        <source>Open a vault</source>
        <translation>保管庫を開く</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="166"/>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="200"/>
        <source>Create a vault</source>
        <translation>保管庫の作成</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="167"/>
        <source>Connect to a server</source>
        <translation>サーバーに接続</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="175"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="192"/>
        <source>ReviewDesk vaults (*%1);;All files (*)</source>
        <translation>ReviewDesk 保管庫 (*%1);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="201"/>
        <source>ReviewDesk vaults (*%1)</source>
        <translation>ReviewDesk 保管庫 (*%1)</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="210"/>
        <source>Choose the vault file.</source>
        <translation>保管庫のファイルを選んでください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="220"/>
        <source>Enter the server&apos;s address, starting with postgresql://</source>
        <translation>postgresql:// で始まるサーバーのアドレスを入力してください</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="231"/>
        <source>Choose where to create the vault.</source>
        <translation>保管庫を作成する場所を選んでください。</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/dialogs/vault_chooser.py" line="234"/>
        <source>The two passwords differ.</source>
        <translation>2つのパスワードが一致しません。</translation>
    </message>
</context>
<context>
    <name>WithdrawRecusalDialog</name>
    <message>
        <location filename="../../reviewdesk/ui/meeting/recusal_dialog.py" line="87"/>
        <source>Withdraw a recusal on %1</source>
        <translation>%1 の回避を取り消す</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/recusal_dialog.py" line="89"/>
        <source>why the recusal was a mistake</source>
        <translation>回避の記録が誤りであった理由</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/recusal_dialog.py" line="90"/>
        <source>Member</source>
        <translation>委員</translation>
    </message>
    <message>
        <location filename="../../reviewdesk/ui/meeting/recusal_dialog.py" line="90"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <location filename="../../reviewdesk/ui/admin/member_dialogs.py" line="79"/>
        <source>Fill in the required fields (marked *).</source>
        <translation>必須項目（*）を入力してください。</translation>
    </message>
</context>
</TS>
