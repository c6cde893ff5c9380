# Builds dist\reviewdesk (one folder) and dist\ReviewDesk-<version>-setup.exe on Windows.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs Python 3.11 (x64) as `py -3.11` and Inno Setup 6 (iscc.exe). The packaging workflow
# (.github/workflows/packaging.yml) runs exactly this, then the smoke test. Not run by hand on
# Windows yet: see packaging/README.md.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.11 -m venv .venv }
$python = ".venv\Scripts\python.exe"
& $python -m pip install -q --disable-pip-version-check -e ".[test,package]"
if ($LASTEXITCODE) { throw "pip install failed" }

& $python packaging\render_icons.py build\icons
if ($LASTEXITCODE) { throw "icons failed" }

Remove-Item -Recurse -Force dist\reviewdesk, build\pyinstaller -ErrorAction SilentlyContinue
& $python -m PyInstaller packaging\reviewdesk.spec --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller
if ($LASTEXITCODE) { throw "PyInstaller failed" }

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc /Qp packaging\windows\reviewdesk.iss
if ($LASTEXITCODE) { throw "Inno Setup failed" }

$size = (Get-ChildItem -Recurse dist\reviewdesk | Measure-Object -Sum Length).Sum / 1MB
Write-Output ("build: dist\reviewdesk {0:N0} MB unpacked" -f $size)
Get-ChildItem dist\ReviewDesk-*-setup.exe | ForEach-Object { Write-Output ("build: {0} {1:N0} MB" -f $_.Name, ($_.Length / 1MB)) }
