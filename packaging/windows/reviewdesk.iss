; Inno Setup 6 script: ReviewDesk-<version>-setup.exe from the one-folder bundle dist\reviewdesk.
;
;   iscc packaging\windows\reviewdesk.iss
;
; Run from the repository after packaging\windows\build.ps1 (or the packaging workflow) built the
; bundle. The version is read from ReviewDesk.exe, which PyInstaller stamped with pyproject.toml's.
; Per-user by default (no administrator rights needed); an administrator may choose all users.

#define Bundle SourcePath + "..\..\dist\reviewdesk"
#define AppExe "ReviewDesk.exe"
#define AppVersion GetStringFileInfo(Bundle + "\" + AppExe, "ProductVersion")
#if AppVersion == ""
  #error ReviewDesk.exe carries no version: build the bundle first (packaging\windows\build.ps1)
#endif

[Setup]
AppId={{3D982907-AB52-4E31-8228-C929862D8932}
AppName=ReviewDesk
AppVersion={#AppVersion}
AppVerName=ReviewDesk {#AppVersion}
AppPublisher=ReviewDesk
DefaultDirName={autopf}\ReviewDesk
DefaultGroupName=ReviewDesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=ReviewDesk-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\reviewdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=ReviewDesk {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Signing the installer and its uninstaller (packaging/README.md): compile with
;   iscc /DSign "/Ssigntool=signtool.exe sign /fd sha256 /tr <TSA URL> /td sha256 /f <cert.pfx> /p <password> $f" ...
#ifdef Sign
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole bundle, replaced as a whole on upgrade: nothing the application writes lives here
; (settings, vaults and backups are in the user's profile).
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\ReviewDesk"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\ReviewDesk"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,ReviewDesk}"; Flags: nowait postinstall skipifsilent
