@echo off
rem GenSec Quiz @VERSION@: install from this kit, with no network (Windows 10/11, 64-bit).
rem Needs Python 3.11, 3.12 or 3.13 from python.org, with the "py" launcher (its installer
rem works offline). Installs into %LOCALAPPDATA%\GenSecQuiz and adds a Start menu shortcut.
setlocal
set "KIT=%~dp0"
set "PREFIX=%LOCALAPPDATA%\GenSecQuiz"
set "PYVER="
for %%v in (3.13 3.12 3.11) do (
  if not defined PYVER (
    py -%%v -c "import sys" >nul 2>nul && set "PYVER=%%v"
  )
)
if not defined PYVER (
  echo GenSec Quiz needs Python 3.11, 3.12 or 3.13 with the py launcher: install it first.
  exit /b 1
)
echo Installing GenSec Quiz @VERSION@ into %PREFIX% with Python %PYVER%.
py -%PYVER% -m venv --clear "%PREFIX%\venv" || exit /b 1
"%PREFIX%\venv\Scripts\python.exe" -m pip install --quiet --no-index --disable-pip-version-check --find-links "%KIT%wheels" gensec-quiz==@VERSION@ || exit /b 1
powershell -NoProfile -ExecutionPolicy Bypass -Command ^
  "$s = (New-Object -ComObject WScript.Shell).CreateShortcut([Environment]::GetFolderPath('Programs') + '\GenSec Quiz.lnk');" ^
  "$s.TargetPath = '%PREFIX%\venv\Scripts\pythonw.exe'; $s.Arguments = '-m gensec_quiz';" ^
  "$s.WorkingDirectory = '%PREFIX%'; $s.Save()"
echo Done. Start GenSec Quiz from the Start menu.
endlocal
