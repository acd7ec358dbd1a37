<#
.SYNOPSIS
    Turns a Windows lab PC into an Ujikom exam kiosk (undo: revert-kiosk.ps1).

.DESCRIPTION
    Run once per PC, as Administrator, after copying the application folder (PyInstaller's
    dist\app\ujikom, with ujikom.exe and ujikom-kiosk.exe) to C:\Program Files\Ujikom and
    the enrolled kiosk files to C:\ProgramData\Ujikom. It:
      1. runs the preflight (ujikom doctor) and stops when it fails, unless -Force;
      2. creates the local account UjikomKiosk (a standard user, no admin rights);
      3. enables Shell Launcher and makes ujikom-kiosk.exe that account's shell
         (Shell Launcher v2, shell-launcher.xml; every other account keeps Explorer);
      4. signs that account in automatically (password kept as an LSA secret, not in
         the registry in the clear);
      5. blocks USB storage and the Task Manager for that account (its user policies),
         and the lock, switch-user and password screens behind Ctrl+Alt+Del;
      6. lets ujikom-kiosk.exe reach only the proctor through Windows Firewall;
      7. remembers all of it under HKLM:\SOFTWARE\Ujikom\Kiosk for revert-kiosk.ps1.
    Needs Windows 10/11 Enterprise, Education or IoT Enterprise (Shell Launcher is not in
    Home or Pro). NOT RUN ON WINDOWS BY THE PROJECT: written against Microsoft's
    documentation and checked with a PowerShell parser on Linux only (docs/lab-setup.md).

.PARAMETER Proctor
    The proctor PC's IPv4 address, e.g. 192.168.10.1 (the firewall allows only it).

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File provision-kiosk.ps1 -Proctor 192.168.10.1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string]$Proctor,
    [string]$Account = "UjikomKiosk",
    [string]$AppDir = "$env:ProgramFiles\Ujikom",
    [string]$DataDir = "$env:ProgramData\Ujikom",
    [int[]]$Ports = @(7443, 7444),
    [switch]$Force
)
Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"

. (Join-Path $PSScriptRoot "kiosk-common.ps1")
$KioskExe = Join-Path $AppDir "ujikom-kiosk.exe"
$Ujikom = Join-Path $AppDir "ujikom.exe"

function Invoke-Preflight {
    $config = Join-Path $DataDir "kiosk.toml"
    & $Ujikom doctor --config $config --no-proctor
    if ($LASTEXITCODE -ge 2 -and -not $Force) {
        throw "The preflight (ujikom doctor) fails; fix what it names, or use -Force."
    }
}

function New-KioskAccount {
    $existing = Get-LocalUser -Name $Account -ErrorAction SilentlyContinue
    $bytes = New-Object byte[] 24
    [Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
    $plain = [Convert]::ToBase64String($bytes)  # nobody types it: autologon uses it
    $secure = ConvertTo-SecureString $plain -AsPlainText -Force
    if ($null -eq $existing) {
        New-LocalUser -Name $Account -Password $secure -FullName "Ujikom exam kiosk" `
            -Description "Exam kiosk account (Ujikom); remove with revert-kiosk.ps1" `
            -PasswordNeverExpires -UserMayNotChangePassword | Out-Null
        Add-LocalGroupMember -Group "Users" -Member $Account
    } else {
        Set-LocalUser -Name $Account -Password $secure
    }
    return $plain
}

function Set-AutoLogon([string]$Password) {
    # The password as the LSA secret (kiosk-common.ps1), never in the registry in the clear.
    [UjikomLsa]::Store("DefaultPassword", $Password)
    $winlogon = "HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon"
    Set-ItemProperty -Path $winlogon -Name AutoAdminLogon -Value "1"
    Set-ItemProperty -Path $winlogon -Name DefaultUserName -Value $Account
    Set-ItemProperty -Path $winlogon -Name DefaultDomainName -Value $env:COMPUTERNAME
    Remove-ItemProperty -Path $winlogon -Name DefaultPassword -ErrorAction SilentlyContinue
}

function Set-ShellLauncher {
    Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All `
        -NoRestart | Out-Null
    $template = Get-Content -Raw -Path (Join-Path $PSScriptRoot "shell-launcher.xml")
    $xml = $template.Replace("@KIOSK_EXE@", $KioskExe).Replace("@ACCOUNT@", $Account)
    [xml]$xml | Out-Null  # refuse a broken document before Windows sees it
    $script = Join-Path $DataDir "apply-shell-launcher.ps1"
    @"
`$ErrorActionPreference = 'Stop'
`$bridge = Get-CimInstance -Namespace '$ShellLauncherNs' -ClassName MDM_AssignedAccess
`$bridge.ShellLauncher = [Security.SecurityElement]::Escape((Get-Content -Raw '$script.xml'))
Set-CimInstance -CimInstance `$bridge
"@ | Set-Content -Path $script -Encoding UTF8
    Set-Content -Path "$script.xml" -Value $xml -Encoding UTF8
    $result = Invoke-AsSystem -TaskName "Ujikom apply Shell Launcher" -Script $script
    Remove-Item -Path $script, "$script.xml" -Force
    if ($result -ne 0) {
        throw "Applying Shell Launcher failed (task result $result)."
    }
}

function Set-AccountPolicies {
    # The account's own policies live in its registry hive: make the profile exist, load
    # NTUSER.DAT, write the policies, unload.
    $profile = Get-KioskProfile $Account
    if ($null -eq $profile) {
        throw "The $Account profile does not exist yet: sign in as $Account once " +
              "(or restart: autologon does it), then run this script again."
    }
    $hive = "HKU\UjikomKiosk"
    & reg.exe load $hive (Join-Path $profile.LocalPath "NTUSER.DAT") | Out-Null
    try {
        $root = "Registry::HKEY_USERS\UjikomKiosk"
        $policies = @{
            # All removable storage classes: no read, no write, no execute.
            "Software\Policies\Microsoft\Windows\RemovableStorageDevices" = @{ Deny_All = 1 }
            "Software\Microsoft\Windows\CurrentVersion\Policies\System" = @{
                DisableTaskMgr = 1; DisableLockWorkstation = 1; DisableChangePassword = 1
            }
            "Software\Microsoft\Windows\CurrentVersion\Policies\Explorer" = @{
                NoLogoff = 1; NoClose = 1; NoRun = 1; NoWinKeys = 1
            }
        }
        foreach ($path in $policies.Keys) {
            $key = Join-Path $root $path
            New-Item -Path $key -Force | Out-Null
            foreach ($name in $policies[$path].Keys) {
                New-ItemProperty -Path $key -Name $name -Value $policies[$path][$name] `
                    -PropertyType DWord -Force | Out-Null
            }
        }
    } finally {
        [GC]::Collect()  # release the hive's handles before unloading it
        & reg.exe unload $hive | Out-Null
    }
    # Fast user switching off: nobody else can sign in beside the candidate's session.
    New-ItemProperty -Path "HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System" `
        -Name HideFastUserSwitching -Value 1 -PropertyType DWord -Force | Out-Null
}

function Set-KioskFirewall {
    Remove-NetFirewallRule -Group $RuleGroup -ErrorAction SilentlyContinue
    New-NetFirewallRule -DisplayName "Ujikom kiosk to the proctor" -Group $RuleGroup `
        -Direction Outbound -Program $KioskExe -RemoteAddress $Proctor -Protocol TCP `
        -RemotePort $Ports -Action Allow | Out-Null
    New-NetFirewallRule -DisplayName "Ujikom proctor beacon" -Group $RuleGroup `
        -Direction Inbound -Program $KioskExe -RemoteAddress $Proctor -Protocol UDP `
        -LocalPort 7445 -Action Allow | Out-Null
    New-NetFirewallRule -DisplayName "Ujikom kiosk: nothing else" -Group $RuleGroup `
        -Direction Outbound -Program $KioskExe -Action Block | Out-Null
}

function Save-State {
    New-Item -Path $StateKey -Force | Out-Null
    Set-ItemProperty -Path $StateKey -Name Account -Value $Account
    Set-ItemProperty -Path $StateKey -Name Proctor -Value $Proctor
    Set-ItemProperty -Path $StateKey -Name ProvisionedAt -Value (Get-Date -Format o)
}

Assert-Administrator
if (-not (Test-Path $KioskExe)) { throw "$KioskExe is missing: copy the application first." }
Invoke-Preflight
$password = New-KioskAccount
Set-AutoLogon -Password $password
Set-ShellLauncher
Set-KioskFirewall
Save-State
try {
    Set-AccountPolicies
} catch {
    Write-Warning $_.Exception.Message
}
Write-Host "This PC signs in as $Account into the Ujikom kiosk after a restart."
Write-Host "Undo: powershell -ExecutionPolicy Bypass -File revert-kiosk.ps1"
