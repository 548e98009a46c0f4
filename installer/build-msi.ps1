# Windows: builds target\app-image\Garrison\ (the app with its own jlink-trimmed runtime) and from it
# target\installer\Garrison-<version>.msi. Not run by the project's CI (Linux only): see installer\README.md.
#
#   powershell -ExecutionPolicy Bypass -File installer\build-msi.ps1 [-Rebuild]
#
# Needs a JDK 17 (JAVA_HOME, or javac on PATH), Maven on PATH, and the WiX Toolset 3.x (candle.exe, light.exe
# on PATH): JDK 17's jpackage drives WiX 3 and does not understand WiX 4 or later.
#
# Two launchers, because a Windows program is either a console program or a window program:
#   Garrison.exe      the desktop app (Start menu and desktop shortcuts); no console window pops up
#   garrison-cli.exe  for terminals: `garrison-cli run -k square list.txt` prints, reads stdin, returns the
#                     exit status, exactly like `java -jar garrison.jar`
param([switch]$Rebuild)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Say([string]$Message) { Write-Host "[installer] $Message" }
# Native programs report failure through their exit code, which PowerShell does not turn into an error.
function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe failed with exit code $LASTEXITCODE" }
}

# --- Tools -------------------------------------------------------------------------------------------------
$JdkHome = $env:JAVA_HOME
if (-not $JdkHome) {
    $javac = Get-Command javac.exe -ErrorAction SilentlyContinue
    if (-not $javac) { throw 'No JDK: set JAVA_HOME or put a JDK 17''s javac on PATH' }
    $JdkHome = Split-Path -Parent (Split-Path -Parent $javac.Source)
}
$Jlink = Join-Path $JdkHome 'bin\jlink.exe'
$Jdeps = Join-Path $JdkHome 'bin\jdeps.exe'
$Jpackage = Join-Path $JdkHome 'bin\jpackage.exe'
$Java = Join-Path $JdkHome 'bin\java.exe'
foreach ($tool in @($Jlink, $Jdeps, $Jpackage)) {
    if (-not (Test-Path $tool)) { throw "$tool is missing: a full JDK 17 is needed" }
}
if (-not (Get-Command candle.exe -ErrorAction SilentlyContinue) -or -not (Get-Command light.exe -ErrorAction SilentlyContinue)) {
    throw 'WiX Toolset 3 is not on PATH (candle.exe, light.exe): e.g. `winget install WiXToolset.WiXToolset` ' +
          '(3.14) or `choco install wixtoolset`, then add its bin folder to PATH'
}
$started = Get-Date

# --- The jar -----------------------------------------------------------------------------------------------
if ($Rebuild -or -not (Test-Path 'target\garrison.jar') -or -not (Test-Path 'target\garrison-worker.jar')) {
    Say 'building the jar: mvn -B -DskipTests package'
    Invoke-Checked 'mvn' @('-B', '-q', '-DskipTests', 'package')
}
$Jars = @(Get-ChildItem 'target\lib\*.jar' | ForEach-Object { $_.FullName })
if ($Jars.Count -eq 0) { throw 'target\lib is empty: run mvn package' }

# jpackage takes numbers only: 0.1.0-SNAPSHOT -> 0.1.0
$VersionLine = (& $Java -jar 'target\garrison.jar' --version | Select-Object -First 1)
$Version = ($VersionLine -split ' ')[1] -replace '-.*$', ''

# --- The runtime -------------------------------------------------------------------------------------------
# The same modules as on Linux and macOS: those jdeps sees in the jars plus installer\runtime-modules.txt
# (found at run time, or features on their way). See that file and installer\common.sh for the reasons.
$Work = Join-Path $Root 'target\jpackage'
$Runtime = Join-Path $Work 'runtime'
$InputDir = Join-Path $Work 'input'
foreach ($dir in @($Work, 'target\app-image')) { if (Test-Path $dir) { Remove-Item -Recurse -Force $dir } }
New-Item -ItemType Directory -Force -Path (Join-Path $InputDir 'lib'), 'target\installer' | Out-Null

# jdeps warns about split packages on stderr; Windows PowerShell 5.1 turns redirected native stderr into
# errors, which 'Stop' would make fatal, so only its exit code decides here.
$ErrorActionPreference = 'Continue'
$JarModules = (& $Jdeps --multi-release 17 --ignore-missing-deps --print-module-deps 'target\garrison.jar' @Jars 2>$null)
$ErrorActionPreference = 'Stop'
if ($LASTEXITCODE -ne 0) { throw 'jdeps failed' }
$Listed = Get-Content 'installer\runtime-modules.txt' | ForEach-Object { ($_ -replace '#.*$', '').Trim() } | Where-Object { $_ }
$Modules = (@($JarModules -split ',') + @($Listed) | Where-Object { $_ } | Sort-Object -Unique) -join ','
Say "runtime modules: $Modules"

# Deliberately NOT --strip-native-commands: workers start as <java.home>\bin\java.exe, so it must stay.
# --generate-cds-archive: the default CDS archive a stock JDK has; without it every worker starts slower.
Invoke-Checked $Jlink @('--add-modules', $Modules, '--include-locales=en,zh',
    '--strip-debug', '--no-header-files', '--no-man-pages', '--generate-cds-archive', '--compress=2',
    '--output', $Runtime)
if (-not (Test-Path (Join-Path $Runtime 'bin\java.exe'))) { throw 'the runtime lost bin\java.exe' }

# jpackage copies the whole --input folder and puts every jar in it on the class path (workers inherit it).
Copy-Item 'target\garrison.jar', 'target\garrison-worker.jar' $InputDir
Copy-Item $Jars (Join-Path $InputDir 'lib')

# --- The app image -----------------------------------------------------------------------------------------
$CliProperties = Join-Path $Work 'garrison-cli.properties'
Set-Content -Path $CliProperties -Encoding ASCII -Value 'win-console=true'
$Common = @('--name', 'Garrison', '--app-version', $Version, '--vendor', 'Garrison',
    '--description', 'A real pool of worker processes, and a window to watch them work.',
    '--icon', (Join-Path $Root 'installer\windows\garrison.ico'))
Invoke-Checked $Jpackage (@('--type', 'app-image') + $Common + @(
    '--input', $InputDir, '--main-jar', 'garrison.jar', '--main-class', 'io.garrison.Launcher',
    '--runtime-image', $Runtime,
    '--add-launcher', "garrison-cli=$CliProperties",
    '--dest', 'target\app-image'))
$Image = Join-Path $Root 'target\app-image\Garrison'
Invoke-Checked (Join-Path $Image 'garrison-cli.exe') @('--version')

# --- The installer -----------------------------------------------------------------------------------------
# The upgrade code must never change: it is how Windows knows a newer Garrison.msi replaces an older one.
Get-ChildItem 'target\installer\Garrison-*.msi' -ErrorAction SilentlyContinue | Remove-Item
Invoke-Checked $Jpackage (@('--type', 'msi') + $Common + @(
    '--app-image', $Image,
    '--win-menu', '--win-menu-group', 'Garrison', '--win-shortcut', '--win-dir-chooser',
    '--win-upgrade-uuid', '6f1d5a7e-3c2b-4e8a-9b61-0c4f2d7e5a19',
    # *.tasks opens in Garrison.exe, which takes the file as its argument (AppArguments).
    '--file-associations', (Join-Path $Root 'installer\file-associations.properties'),
    '--dest', 'target\installer'))

$Msi = Get-ChildItem 'target\installer\Garrison-*.msi' | Select-Object -First 1
$Seconds = [int]((Get-Date) - $started).TotalSeconds
Say "built $Image and $($Msi.FullName) ($([int]($Msi.Length / 1MB)) MB) in $Seconds s"
